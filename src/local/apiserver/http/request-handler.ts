import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { type AccessControl, attributesOf } from '../auth/access-control.js';
import { type AuthResourceDeps, handleAuthResource } from '../auth/auth-handler.js';
import { ApiError } from '../model/api-error.js';
import { describeFaultErrors, type FaultInjector } from '../ops/faults.js';
import type { RequestMetrics } from '../ops/request-metrics.js';
import type { ApiContext } from './api-context.js';
import { parseBody, readBody } from './body.js';
import type { DiscoveryHandler } from './discovery-handler.js';
import { parseResourcePath } from './request-info.js';
import { handleResource } from './resource-handler.js';
import { sendError, sendJson } from './respond.js';

/** What the HTTP front needs besides the API context. */
export interface HttpDeps {
  api: ApiContext;
  discovery: DiscoveryHandler;
  faults: FaultInjector;
  metrics: RequestMetrics;
  /** Authentication, impersonation and authorization of every request. */
  access: AccessControl;
  /** TokenRequests and access reviews. */
  auth: AuthResourceDeps;
  /** Reports a failure nobody else will see (a 500 or a broken stream). */
  onInternalError: (error: unknown) => void;
}

function notFoundPath(): ApiError {
  return new ApiError('NotFound', 'the server could not find the requested resource', {});
}

const faultReasons = {
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
} as const;

/** The server's request listener: resources, discovery, health, metrics and the fault switchboard. */
export function createRequestHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = url.searchParams;
    const watchParam = params.get('watch') === 'true' || params.get('watch') === '1';
    const resource = parseResourcePath(req.method ?? 'GET', url.pathname, watchParam);
    const record = () =>
      deps.metrics.observe(
        {
          verb: resource?.verb ?? (req.method ?? 'GET').toLowerCase(),
          group: resource?.group ?? '',
          resource: resource?.resource ?? 'nonresource',
          subresource: resource?.subresource ?? '',
          code: res.statusCode,
          userAgent: req.headers['user-agent'],
        },
        (performance.now() - started) / 1000,
      );
    const serve = async (): Promise<void> => {
      const user = deps.access.authenticate(req);
      if (deps.access.enforcing)
        deps.access.authorize(attributesOf(user, req.method ?? 'GET', url.pathname, resource, params));
      if (!resource) {
        await handleNonResource(deps, req, res, url.pathname);
        return;
      }
      const fault = deps.faults.decide(resource.verb, resource.resource, user.name);
      if (fault.delayMs > 0) await delay(fault.delayMs);
      if (fault.failWith) {
        const reason = faultReasons[fault.failWith];
        const error = new ApiError(
          reason,
          `injected fault: ${fault.failWith} ${reason}`,
          fault.failWith === 429 ? { retryAfterSeconds: 1 } : undefined,
        );
        if (fault.failWith === 429) res.setHeader('Retry-After', '1');
        throw error;
      }
      if (await handleAuthResource(deps.auth, req, res, resource, user)) return;
      await handleResource(deps.api, req, res, resource, params);
    };
    serve()
      .catch((error: unknown) => {
        const sent = sendError(res, error);
        if (sent.code >= 500 && !(error instanceof ApiError)) deps.onInternalError(error);
      })
      .finally(record);
  };
}

async function handleNonResource(
  deps: HttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (deps.discovery.handle(req, res, pathname)) return;
  switch (pathname) {
    case '/healthz':
    case '/livez':
    case '/readyz':
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    case '/metrics': {
      const text = await deps.metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': deps.metrics.registry.contentType });
      res.end(text);
      return;
    }
    case '/weir/faults':
      return handleFaults(deps, req, res);
    case '/weir/faults/cut-watches':
      if (req.method !== 'POST') throw new ApiError('MethodNotAllowed', 'use POST to cut watch streams');
      sendJson(res, 200, { cut: deps.api.watches.cutAll() });
      return;
    default:
      throw notFoundPath();
  }
}

async function handleFaults(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  switch (req.method) {
    case 'GET':
      sendJson(res, 200, deps.faults.current);
      return;
    case 'PUT': {
      const body = parseBody('application/json', await readBody(req));
      const errors = deps.faults.set(body);
      if (errors.length > 0) {
        sendJson(res, 422, {
          error: 'invalid fault configuration',
          message: describeFaultErrors(errors),
          fields: errors.map((e) => e.field),
        });
        return;
      }
      sendJson(res, 200, deps.faults.current);
      return;
    }
    case 'DELETE':
      deps.faults.clear();
      sendJson(res, 200, deps.faults.current);
      return;
    default:
      throw new ApiError('MethodNotAllowed', 'use GET, PUT or DELETE on /weir/faults');
  }
}
