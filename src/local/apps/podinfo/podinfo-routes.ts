import { availableParallelism } from 'node:os';
import type { Clock } from '../../../platform/clock.js';
import { rfc3339 } from '../../../platform/clock.js';
import { goHeaderMap } from './go-headers.js';
import type { HttpMetrics } from './http-metrics.js';
import { replyEmpty, replyError, replyJson } from './http-replies.js';
import { JwtError, signJwt, verifyJwt } from './jwt.js';
import type { PodinfoConfig } from './podinfo-config.js';
import type { Route, RouteContext } from './route.js';
import { uiPage } from './ui-page.js';

/** The probe state podinfo keeps in memory. */
export interface ProbeState {
  /** `/healthz` answers 200 while true. */
  healthy: boolean;
  /** `/readyz` answers 200 while true. */
  ready: boolean;
}

/** What the handlers read and change. */
export interface RouteDeps {
  config: PodinfoConfig;
  state: ProbeState;
  metrics: HttpMetrics;
  clock: Clock;
  /** Waits `ms` milliseconds (`/delay`). */
  sleep(ms: number): Promise<void>;
  /** The environment `/env` reports. */
  env: NodeJS.ProcessEnv;
}

const goArch: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' };

/** `GET /` and `/api/info`: podinfo's RuntimeResponse, in its field order. */
function runtimeInfo(deps: RouteDeps): Record<string, string> {
  const { config } = deps;
  return {
    hostname: config.hostname,
    version: config.version,
    revision: config.revision,
    color: config.ui.color,
    logo: config.ui.logo,
    message: config.ui.message,
    goos: process.platform,
    goarch: goArch[process.arch] ?? process.arch,
    runtime: `node${process.versions.node}`,
    num_goroutine: String(process.getActiveResourcesInfo().length),
    num_cpu: String(availableParallelism()),
  };
}

function probe(up: () => boolean) {
  return ({ res }: RouteContext) => {
    if (up()) replyJson(res, 200, { status: 'OK' });
    else replyEmpty(res, 503);
  };
}

/** Podinfo's HTTP API, as far as Flagger's walkthroughs and tests use it. */
export function podinfoRoutes(deps: RouteDeps): Route[] {
  const { config, state } = deps;
  const info = ({ res }: RouteContext) => replyJson(res, 200, runtimeInfo(deps));
  return [
    {
      template: '/metrics',
      methods: ['GET'],
      pattern: /^\/metrics$/,
      handle: async ({ res }) => {
        const { contentType, body } = await deps.metrics.render();
        res.writeHead(200, { 'Content-Type': contentType });
        res.end(body);
      },
    },
    {
      template: '/',
      methods: ['GET'],
      pattern: /^\/$/,
      userAgent: /^Mozilla/,
      handle: ({ res }) => {
        const html = uiPage({ ...config.ui, hostname: config.hostname, version: config.version });
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(html);
      },
    },
    { template: '/', methods: ['GET'], pattern: /^\/$/, handle: info },
    { template: '/api/info', methods: ['GET'], pattern: /^\/api\/info$/, handle: info },
    {
      template: '/version',
      methods: ['GET'],
      pattern: /^\/version$/,
      handle: ({ res }) => replyJson(res, 200, { commit: config.revision, version: config.version }),
    },
    {
      template: '/env',
      methods: ['GET', 'POST'],
      pattern: /^\/env$/,
      handle: ({ res }) =>
        replyJson(
          res,
          200,
          Object.entries(deps.env).map(([key, value]) => `${key}=${value ?? ''}`),
        ),
    },
    {
      template: '/headers',
      methods: ['GET', 'POST'],
      pattern: /^\/headers$/,
      handle: ({ req, res }) =>
        replyJson(
          res,
          200,
          goHeaderMap([
            ...req.rawHeaders,
            'X-API-Version',
            config.version,
            'X-API-Revision',
            config.revision,
          ]),
        ),
    },
    {
      template: 'delay',
      methods: ['GET'],
      pattern: /^\/delay\/([0-9]+)$/,
      handle: async ({ res, params }) => {
        const seconds = Number(params[0]);
        await deps.sleep(seconds * 1000);
        replyJson(res, 200, { delay: seconds });
      },
    },
    { template: '/healthz', methods: ['GET'], pattern: /^\/healthz$/, handle: probe(() => state.healthy) },
    { template: '/readyz', methods: ['GET'], pattern: /^\/readyz$/, handle: probe(() => state.ready) },
    {
      template: '/readyz/enable',
      methods: ['POST'],
      pattern: /^\/readyz\/enable$/,
      handle: ({ res }) => {
        state.ready = true;
        replyEmpty(res, 202);
      },
    },
    {
      template: '/readyz/disable',
      methods: ['POST'],
      pattern: /^\/readyz\/disable$/,
      handle: ({ res }) => {
        state.ready = false;
        replyEmpty(res, 202);
      },
    },
    {
      template: 'status',
      methods: ['GET', 'POST', 'PUT'],
      pattern: /^\/status\/([0-9]+)$/,
      handle: ({ res, params }) => {
        const code = Number(params[0]);
        if (code < 200 || code > 599) {
          replyError(res, 400, `status code ${params[0]} is outside 200-599`);
          return;
        }
        replyJson(res, code, { status: code });
      },
    },
    {
      template: '/token',
      methods: ['POST'],
      pattern: /^\/token$/,
      handle: async ({ res, body }) => {
        const text = await body();
        const exp = Math.floor(deps.clock.now().getTime() / 1000) + 60;
        const token = signJwt(
          { name: text.length > 0 ? text : 'anonymous', exp, iss: 'podinfo' },
          config.jwtSecret,
        );
        replyJson(res, 200, { token, expires_at: rfc3339(new Date(exp * 1000)) });
      },
    },
    {
      template: '/token/validate',
      methods: ['GET', 'POST'],
      pattern: /^\/token\/validate$/,
      handle: ({ req, res }) => {
        const [scheme, token, ...rest] = (req.headers.authorization ?? '').split(' ');
        if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
          replyError(res, 401, 'authorization bearer header required');
          return;
        }
        try {
          const now = Math.floor(deps.clock.now().getTime() / 1000);
          const claims = verifyJwt(token, config.jwtSecret, now);
          replyJson(res, 200, { token_name: claims.name, expires_at: rfc3339(new Date(claims.exp * 1000)) });
        } catch (error) {
          if (!(error instanceof JwtError)) throw error;
          replyError(res, 401, error.message);
        }
      },
    },
  ];
}
