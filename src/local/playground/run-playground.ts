import { mkdirSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { CachingKubeClient } from '../../kube/caching-kube-client.js';
import { InformerCache } from '../../kube/informer-cache.js';
import { RestKubeClient } from '../../kube/kube-client.js';
import { KubeConfigTransport } from '../../kube/rest-client.js';
import { KubeConfigWatchSource } from '../../kube/watch-source.js';
import type { Logger } from '../../platform/logger.js';
import { startApiServer } from '../apiserver/api-server.js';
import { startKubelet } from '../kubelet/kubelet.js';
import { startMesh } from '../mesh/start-mesh.js';
import { ScrapeJobs } from '../prometheus/prometheus-config.js';
import { startPrometheus } from '../prometheus/start-prometheus.js';
import { installCrds } from './install-crds.js';
import { OperatorProcess } from './operator-process.js';
import type { PlaygroundPaths } from './playground-paths.js';
import { playgroundPorts } from './playground-ports.js';
import { clearState, type PlaygroundState, writeState } from './playground-state.js';

/** How to run a playground. */
export interface PlaygroundOptions {
  paths: PlaygroundPaths;
  /** The operator's `-mesh-provider` (the guide's `smi:istio` by default). */
  meshProvider: string;
  /** The operator's `-min-analysis-interval`. */
  minAnalysisInterval: string;
  logger: Logger;
}

/** A running playground. */
export interface RunningPlayground {
  state: PlaygroundState;
  /** Stops the operator, the pods, the mesh, Prometheus and the API server, in that order. */
  stop(): Promise<void>;
}

async function waitForOk(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await delay(200);
  }
  throw new Error(`${url} did not become ready in ${timeoutMs / 1000}s (${last})`);
}

/**
 * Runs the whole playground in this process (the supervisor): the API server, the kubelet and the mesh
 * in-process, Prometheus and the operator as child processes. State survives in `paths.root`; running it
 * again resumes where it stopped.
 */
export async function runPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const { paths, logger } = options;
  mkdirSync(paths.root, { recursive: true });
  const ports = await playgroundPorts(paths.ports);
  const apiserver = await startApiServer({
    port: ports.apiserver,
    dataDir: paths.apiserverData,
    kubeconfigPath: paths.kubeconfig,
    log: (message, error) => logger.error(message, { component: 'apiserver', error: String(error ?? '') }),
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(paths.kubeconfig);
  const raw = new RestKubeClient(new KubeConfigTransport(kubeConfig));
  await installCrds(raw);
  const cache = new InformerCache({ client: raw, watches: new KubeConfigWatchSource(kubeConfig) });
  const client = new CachingKubeClient(raw, cache);
  const mesh = await startMesh({
    cache,
    port: ports.meshProxy,
    metricsPort: ports.meshMetrics,
    logger: logger.child({ component: 'mesh' }),
  });
  const kubelet = await startKubelet({
    client,
    cache,
    dataDir: paths.kubeletData,
    meshProxy: `127.0.0.1:${ports.meshProxy}`,
    podCidr: ports.podCidr,
    apiServer: apiserver.url,
    logger: logger.child({ component: 'kubelet' }),
  });
  const prometheus = await startPrometheus({
    dataDir: paths.prometheusData,
    port: ports.prometheus,
    scrapeTargets: [
      { job: ScrapeJobs.mesh, targets: [`127.0.0.1:${ports.meshMetrics}`] },
      { job: ScrapeJobs.operator, targets: [`127.0.0.1:${ports.operator}`] },
    ],
    pods: { cache },
    logger: logger.child({ component: 'prometheus' }),
  });
  const operator = new OperatorProcess({
    flags: [
      `-kubeconfig=${paths.kubeconfig}`,
      `-mesh-provider=${options.meshProvider}`,
      `-metrics-server=${prometheus.url}`,
      `-min-analysis-interval=${options.minAnalysisInterval}`,
      `-port=${ports.operator}`,
      '-log-level=info',
    ],
    // Webhooks reach cluster services (http://flagger-loadtester.test/) through the mesh, as in a cluster.
    env: { HTTP_PROXY: mesh.proxyUrl, NO_PROXY: '127.0.0.1,localhost' },
    logFile: paths.operatorLog,
    logger,
  });
  operator.start();
  const operatorUrl = `http://127.0.0.1:${ports.operator}`;
  await waitForOk(`${operatorUrl}/readyz`, 60_000);
  const state: PlaygroundState = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    meshProvider: options.meshProvider,
    kubeconfig: paths.kubeconfig,
    addresses: {
      apiserver: apiserver.url,
      meshProxy: mesh.proxyUrl,
      meshMetrics: mesh.metricsUrl,
      prometheus: prometheus.url,
      operator: operatorUrl,
    },
  };
  writeState(paths.state, state);
  logger.info('playground up', { ...state.addresses });
  return {
    state,
    async stop() {
      clearState(paths.state);
      await operator.stop();
      await kubelet.stop();
      await mesh.stop();
      await prometheus.stop();
      cache.stop();
      await apiserver.close();
      logger.info('playground stopped');
    },
  };
}
