import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { InformerCache } from '../../kube/informer-cache.js';
import { RestKubeClient } from '../../kube/kube-client.js';
import { KubeConfigTransport } from '../../kube/rest-client.js';
import { KubeConfigWatchSource } from '../../kube/watch-source.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { PodTargetWriter } from './pod-target-writer.js';
import { findPrometheus } from './prometheus-binary.js';
import { prometheusConfig, type ScrapeJob, validateJob } from './prometheus-config.js';
import { PrometheusProcess } from './prometheus-process.js';

/** Where to discover annotated pods: a kubeconfig (a cache of its own) or a shared informer cache. */
export type PodDiscovery = { kubeconfig: string } | { cache: InformerCache };

/** How to run the playground's Prometheus. */
export interface StartPrometheusOptions {
  /** Holds prometheus.yml, the TSDB (`data/`), the pod targets file and `prometheus.log`; kept across runs. */
  dataDir: string;
  /** Listen address; 127.0.0.1 by default. */
  host?: string;
  /** Listen port; 0 (default) picks a free one. */
  port?: number;
  /** Static jobs: the mesh's and the operator's `/metrics`, … */
  scrapeTargets?: readonly ScrapeJob[];
  /** Scrape pods annotated `prometheus.io/scrape: "true"` found here. */
  pods?: PodDiscovery;
  /** Scrape and evaluation interval; `1s` by default. */
  interval?: string;
  /** How long samples are kept; `1d` by default. */
  retention?: string;
  /** The binary (path or name on PATH); `prometheus` by default. */
  binary?: string;
  /** How long to wait for `/-/ready`; 30 s by default. */
  readyTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

/** A running Prometheus. */
export interface RunningPrometheus {
  /** `http://127.0.0.1:<port>`: the operator's `-metrics-server`. */
  url: string;
  port: number;
  configFile: string;
  logFile: string;
  /** Rewrites prometheus.yml (with new static jobs when given) and makes Prometheus reload it. */
  reload(update?: { scrapeTargets?: readonly ScrapeJob[] }): Promise<void>;
  /** Stops Prometheus (SIGTERM, then waits) and the pod watcher. */
  stop(): Promise<void>;
}

async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, host, () => done());
  });
  const address = server.address();
  await new Promise((done) => server.close(done));
  return typeof address === 'object' && address ? address.port : 0;
}

function podCache(discovery: PodDiscovery): { cache: InformerCache; owned: boolean } {
  if ('cache' in discovery) return { cache: discovery.cache, owned: false };
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(discovery.kubeconfig);
  const client = new RestKubeClient(new KubeConfigTransport(kubeConfig));
  return {
    cache: new InformerCache({ client, watches: new KubeConfigWatchSource(kubeConfig) }),
    owned: true,
  };
}

/**
 * Runs the real Prometheus for the playground: writes its configuration into `dataDir`, keeps the pod
 * targets file current, starts the binary on 127.0.0.1 with its TSDB in `dataDir/data` and resolves once
 * it is ready. Throws a `not-installed` PrometheusError (saying how to install it) when there is no binary.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const binary = findPrometheus(options.binary);
  const logger = options.logger ?? createLogger({ base: { component: 'prometheus' } });
  const dataDir = resolve(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const interval = options.interval ?? '1s';
  mkdirSync(join(dataDir, 'data'), { recursive: true });
  const configFile = join(dataDir, 'prometheus.yml');
  const logFile = join(dataDir, 'prometheus.log');
  const podTargetsFile = options.pods ? join(dataDir, 'targets', 'pods.json') : undefined;
  let jobs = [...(options.scrapeTargets ?? [])];
  jobs.forEach(validateJob);
  const writeConfig = () =>
    writeFileSync(
      configFile,
      prometheusConfig({ interval, jobs, ...(podTargetsFile ? { podTargetsFile } : {}) }),
    );
  writeConfig();

  const discovery = options.pods ? podCache(options.pods) : undefined;
  const writer =
    discovery && podTargetsFile ? new PodTargetWriter(discovery.cache, podTargetsFile, logger) : undefined;
  const stopDiscovery = () => {
    writer?.stop();
    if (discovery?.owned) discovery.cache.stop();
  };
  let prometheus: PrometheusProcess;
  try {
    await writer?.start();
    const port = options.port || (await freePort(host));
    prometheus = await PrometheusProcess.start({
      binary,
      configFile,
      storagePath: join(dataDir, 'data'),
      listenAddress: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      retention: options.retention ?? '1d',
      logFile,
      readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
      sleep: options.sleep ?? ((ms) => delay(ms)),
    });
  } catch (error) {
    stopDiscovery();
    throw error;
  }
  const port = Number(new URL(prometheus.url).port);
  logger.info('prometheus ready', { url: prometheus.url, dataDir });
  return {
    url: prometheus.url,
    port,
    configFile,
    logFile,
    async reload(update = {}) {
      if (update.scrapeTargets) {
        update.scrapeTargets.forEach(validateJob);
        jobs = [...update.scrapeTargets];
      }
      writeConfig();
      await prometheus.reload();
    },
    async stop() {
      stopDiscovery();
      await prometheus.stop();
    },
  };
}
