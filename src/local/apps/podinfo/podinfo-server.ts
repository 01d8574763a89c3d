import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type Clock, systemClock } from '../../../platform/clock.js';
import { formatGoDuration } from '../../../platform/go-duration.js';
import type { Logger } from '../../../platform/logger.js';
import { Faults, faultsApply } from './faults.js';
import { HttpMetrics, routeLabel } from './http-metrics.js';
import { replyEmpty, replyText } from './http-replies.js';
import type { PodinfoConfig } from './podinfo-config.js';
import { type ProbeState, podinfoRoutes } from './podinfo-routes.js';
import { matchRoute, type Route } from './route.js';

/** How to start one app instance; everything but `config` and `logger` has a real default. */
export interface PodinfoOptions {
  config: PodinfoConfig;
  logger: Logger;
  clock?: Clock;
  /** Waits `ms` milliseconds (`/delay`, `--random-delay`, the shutdown pause). */
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for `--random-error` and `--random-delay`. */
  random?: () => number;
  /** What `/env` reports. */
  env?: NodeJS.ProcessEnv;
}

/** A serving app instance. */
export interface RunningPodinfo {
  /** `http://<host>:<port>` of the API. */
  readonly url: string;
  /** `http://<host>:<port-metrics>` when a metrics listener was asked for. */
  readonly metricsUrl?: string;
  /** The probe state (`/healthz`, `/readyz`). */
  readonly state: ProbeState;
  /** Podinfo's graceful stop: unready, keep serving for the shutdown delay, then drain and close. */
  stop(): Promise<void>;
}

const maxBodyBytes = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Starts a podinfo-compatible app on `config.host:config.port` (and the metrics port when set). */
export async function startPodinfo(options: PodinfoOptions): Promise<RunningPodinfo> {
  const { config, logger } = options;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const state: ProbeState = { healthy: !config.unhealthy, ready: !config.unready };
  const metrics = new HttpMetrics();
  const faults = new Faults({
    ...(config.randomDelay ? { randomDelay: config.randomDelay } : {}),
    ...(config.randomErrorRate !== undefined ? { randomErrorRate: config.randomErrorRate } : {}),
    random: options.random ?? Math.random,
  });
  const routes = podinfoRoutes({
    config,
    state,
    metrics,
    clock: options.clock ?? systemClock,
    sleep,
    env: options.env ?? process.env,
  });
  let draining = false;

  const serve = async (req: IncomingMessage, res: ServerResponse, route: Route, params: string[]) => {
    const path = new URL(req.url ?? '/', 'http://podinfo').pathname;
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(req.method ?? 'GET', routeLabel(route.template), res.statusCode, seconds);
    });
    if (faultsApply(path)) {
      const wait = faults.delayMs();
      if (wait > 0) await sleep(wait);
      const status = faults.errorStatus();
      if (status !== undefined) {
        logger.error('random error occurred', { uri: req.url, status });
        replyEmpty(res, status);
        return;
      }
    }
    await route.handle({ req, res, params, body: () => readBody(req) });
  };

  // Responses not yet answered; when the app starts draining they are told to close their connections.
  const pending = new Set<ServerResponse>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    pending.add(res);
    res.once('close', () => pending.delete(res));
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://podinfo').pathname;
    logger.debug('request started', {
      proto: `HTTP/${req.httpVersion}`,
      uri: req.url,
      method,
      remote: `${req.socket.remoteAddress}:${req.socket.remotePort}`,
      'user-agent': req.headers['user-agent'] ?? '',
    });
    const match = matchRoute(routes, method, path, req.headers['user-agent'] ?? '');
    if (match.kind === 'not-found') return replyText(res, 404, '404 page not found\n');
    if (match.kind === 'method-not-allowed') return replyEmpty(res, 405);
    serve(req, res, match.route, match.params).catch((error: unknown) => {
      logger.error('request failed', { uri: req.url, error: String(error) });
      if (!res.headersSent) replyEmpty(res, 500);
      else res.destroy();
    });
  };

  // Podinfo's idle timeout (2 × its 30 s server timeout): well above the keep-alive of a pooling proxy, so
  // the app does not close a connection just as the proxy reuses it.
  const server = createServer({ keepAliveTimeout: 60_000, headersTimeout: 65_000 }, handler);
  const port = await listen(server, config.host, config.port);
  logger.info('Starting HTTP Server.', { addr: `${config.host}:${port}` });

  let metricsServer: Server | undefined;
  let metricsPort: number | undefined;
  if (config.metricsPort !== undefined) {
    metricsServer = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://podinfo').pathname;
      if (path === '/healthz') return replyText(res, 200, 'OK');
      if (path !== '/metrics') return replyText(res, 404, '404 page not found\n');
      void metrics.render().then(({ contentType, body }) => {
        res.writeHead(200, { 'Content-Type': contentType });
        res.end(body);
      });
    });
    try {
      metricsPort = await listen(metricsServer, config.host, config.metricsPort);
    } catch (error) {
      server.close();
      throw error;
    }
    logger.info('Starting metrics server.', { addr: `${config.host}:${metricsPort}` });
  }

  const closeGracefully = async (target: Server) => {
    const closed = new Promise<void>((resolve) => target.close(() => resolve()));
    // In-flight requests get the shutdown timeout; then their connections are cut.
    const cut = setTimeout(() => target.closeAllConnections(), config.shutdownTimeoutMs);
    await closed;
    clearTimeout(cut);
  };

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      state.healthy = false;
      state.ready = false;
      draining = true;
      for (const res of pending) if (!res.headersSent) res.setHeader('Connection', 'close');
      logger.info('Shutting down HTTP/HTTPS server', { timeout: formatGoDuration(config.shutdownTimeoutMs) });
      if (config.shutdownDelayMs > 0) await sleep(config.shutdownDelayMs);
      await Promise.all([
        closeGracefully(server),
        ...(metricsServer ? [closeGracefully(metricsServer)] : []),
      ]);
      logger.info('HTTP server stopped');
    })();
    return stopping;
  };

  return {
    url: `http://${config.host}:${port}`,
    ...(metricsPort !== undefined ? { metricsUrl: `http://${config.host}:${metricsPort}` } : {}),
    state,
    stop,
  };
}
