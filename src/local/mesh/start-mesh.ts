import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { InformerCache } from '../../kube/informer-cache.js';
import { RestKubeClient } from '../../kube/kube-client.js';
import { KubeConfigTransport } from '../../kube/rest-client.js';
import { KubeConfigWatchSource } from '../../kube/watch-source.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { type Random, RoundRobin } from './balancing.js';
import type { ForwarderDeps } from './exchange.js';
import { handleConnect, handleRequest, type MeshHandlerDeps } from './mesh-handlers.js';
import { MeshTelemetry } from './mesh-telemetry.js';
import { MeshView } from './mesh-view.js';

/** The cluster the mesh reads: a kubeconfig (the mesh builds and owns its cache) or a shared cache. */
export type MeshConnection = { kubeconfig: string } | { cache: InformerCache };

/** How to run the mesh. */
export type MeshOptions = MeshConnection & {
  /** Address of both listeners; 127.0.0.1 by default. */
  host?: string;
  /** Proxy port; 0 (default) picks a free one. */
  port?: number;
  /** Port of `/metrics`, `/healthz` and `/readyz`; 0 (default) picks a free one. */
  metricsPort?: number;
  /** Source of randomness for weighted routing and mirror sampling (seed it in tests). */
  random?: Random;
  logger?: Logger;
};

/** A running mesh. */
export interface RunningMesh {
  /** The proxy, for `curl -x`, `hey -x` and `HTTP_PROXY`: `http://127.0.0.1:<port>`. */
  proxyUrl: string;
  /** Istio's standard telemetry: `http://127.0.0.1:<metricsPort>/metrics`. */
  metricsUrl: string;
  port: number;
  metricsPort: number;
  /** Stops both listeners, drops open connections and (when it owns it) the informer cache. */
  stop(): Promise<void>;
}

function connect(options: MeshConnection): { cache: InformerCache; owned: boolean } {
  if ('cache' in options) return { cache: options.cache, owned: false };
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(options.kubeconfig);
  const raw = new RestKubeClient(new KubeConfigTransport(kubeConfig));
  return {
    cache: new InformerCache({ client: raw, watches: new KubeConfigWatchSource(kubeConfig) }),
    owned: true,
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts the playground's mesh: an HTTP proxy that routes cluster hosts along Services, Endpoints,
 * VirtualServices and TrafficSplits read from an informer cache, forwards other hosts, and exports Istio's
 * standard telemetry. Resolves once the cache has synced.
 */
export async function startMesh(options: MeshOptions): Promise<RunningMesh> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? createLogger({ base: { component: 'mesh' } });
  const { cache, owned } = connect(options);
  const view = new MeshView(cache, logger);
  await view.start();
  const telemetry = new MeshTelemetry();
  const agentOptions = { keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, maxFreeSockets: 256 };
  const forwarder: ForwarderDeps = {
    agent: new Agent({ ...agentOptions, scheduling: 'lifo' }),
    telemetry,
    roundRobin: new RoundRobin(),
    now: () => performance.now(),
  };
  const externalAgent = new Agent(agentOptions);
  let proxyPort = 0;
  const deps: MeshHandlerDeps = {
    view,
    forwarder,
    externalAgent,
    random: options.random ?? Math.random,
    port: () => proxyPort,
  };
  const proxy = createServer({ requestTimeout: 0 }, (req, res) => handleRequest(deps, req, res));
  proxy.keepAliveTimeout = 65_000;
  proxy.on('connect', (req, socket, head) => handleConnect(deps, req, socket as Socket, head));
  proxy.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });
  const metrics = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      telemetry.render().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    } else if (path === '/healthz' || path === '/readyz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('try /metrics, /healthz or /readyz\n');
    }
  });
  try {
    proxyPort = await listen(proxy, host, options.port ?? 0);
    const metricsPort = await listen(metrics, host, options.metricsPort ?? 0);
    const base = host.includes(':') ? `[${host}]` : host;
    logger.debug('mesh serving', { proxy: `${base}:${proxyPort}`, metrics: `${base}:${metricsPort}` });
    return {
      proxyUrl: `http://${base}:${proxyPort}`,
      metricsUrl: `http://${base}:${metricsPort}/metrics`,
      port: proxyPort,
      metricsPort,
      async stop() {
        await Promise.all([close(proxy), close(metrics)]);
        forwarder.agent.destroy();
        externalAgent.destroy();
        if (owned) cache.stop();
      },
    };
  } catch (error) {
    await Promise.all([close(proxy), close(metrics)]);
    if (owned) cache.stop();
    throw error;
  }
}
