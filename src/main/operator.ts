import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import type { Config } from '../config/config.js';
import { CanaryController, type CanaryControllerDeps, canaryType } from '../controller/canary-controller.js';
import { LeaderElector } from '../controller/leader-election.js';
import { CachingKubeClient } from '../kube/caching-kube-client.js';
import { FencedKubeClient } from '../kube/fenced-kube-client.js';
import { InformerCache } from '../kube/informer-cache.js';
import { RestKubeClient } from '../kube/kube-client.js';
import { isClientClosed } from '../kube/kube-errors.js';
import { KubeConfigTransport } from '../kube/rest-client.js';
import { KubeConfigWatchSource } from '../kube/watch-source.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { advanceCanary } from '../scheduler/advance.js';
import { buildOperatorParts } from './operator-deps.js';
import { startOpsServer } from './ops-server.js';

/** A running operator. */
export interface RunningOperator {
  /** Where /metrics, /healthz and /readyz are served. */
  opsUrl: string;
  /** Whether this replica currently acts (always true without leader election). */
  isLeader(): boolean;
  /** Resolves when no tick is running or queued (tests). */
  idle(): Promise<void>;
  /** Stops ticking, releases the lease, delivers pending events, closes connections. */
  stop(): Promise<void>;
}

/** Builds a KubeConfig from `-kubeconfig`/`-master`, else the default chain (KUBECONFIG, ~/.kube/config, in-cluster). */
export function loadKubeConfig(config: Pick<Config, 'kubeconfig' | 'master'>): KubeConfig {
  const kc = new KubeConfig();
  if (config.kubeconfig) kc.loadFromFile(config.kubeconfig);
  else kc.loadFromDefault();
  if (config.master) {
    const cluster = kc.getCurrentCluster();
    if (cluster)
      kc.clusters = kc.clusters.map((c) => (c.name === cluster.name ? { ...c, server: config.master } : c));
  }
  return kc;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Starts `weir operator`: informer caches, the canary controller, leader election, the ops endpoints.
 * Fails fast (with the reason) when the API cannot be reached or the Flagger CRDs are not installed.
 */
export async function startOperator(options: {
  config: Readonly<Config>;
  logger: Logger;
  version: string;
  clock?: Clock;
  kubeConfig?: KubeConfig;
  /** Observes each tick's timing (benchmarks). */
  onTick?: CanaryControllerDeps['onTick'];
}): Promise<RunningOperator> {
  const { config, logger, version } = options;
  const clock = options.clock ?? systemClock;
  logger.info(`Starting weir version ${version} mesh provider ${config.meshProvider}`);
  const kubeConfig = options.kubeConfig ?? loadKubeConfig(config);
  const raw = new RestKubeClient(new KubeConfigTransport(kubeConfig));
  try {
    await raw.list(canaryType, config.namespace ? { namespace: config.namespace } : {});
  } catch (error) {
    throw new Error(
      `Canary CRD is not registered (install deploy/crds/crds.yaml): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  logger.info(`Connected to Kubernetes API ${kubeConfig.getCurrentCluster()?.server ?? ''}`);
  const cache = new InformerCache(
    {
      client: raw,
      watches: new KubeConfigWatchSource(kubeConfig),
      sleep,
      onError: (error) => logger.debug('watch interrupted', { error: String(error) }),
    },
    config.namespace || undefined,
  );
  // Closed while this replica does not lead, so a tick left over from its time as leader cannot write.
  const client = new FencedKubeClient(new CachingKubeClient(raw, cache));
  const parts = buildOperatorParts({ config, client, cache, clock, logger, version, sleep });
  const controller = new CanaryController({
    cache,
    clock,
    logger,
    minAnalysisIntervalMs: config.minAnalysisIntervalMs,
    maxConcurrentTicks: config.maxConcurrentTicks,
    sync: async (canary) => {
      parts.trackProvider(canary.spec.provider || config.meshProvider);
      await cache.synced();
      return parts.lifecycle.sync(canary);
    },
    tick: async (canary) => {
      parts.trackProvider(canary.spec.provider || config.meshProvider);
      await cache.synced();
      return advanceCanary(parts.scheduler, canary);
    },
    configRefs: (canary) => parts.configRefs(canary),
    revision: (canary) => {
      try {
        return parts.scheduler.target(canary).revision(canary);
      } catch {
        return undefined;
      }
    },
    invalid: (canary, problems) => parts.events.warning(canary, `invalid canary spec: ${problems}`),
    counted: (byNamespace) => parts.metrics.canaries(byNamespace),
    ...(options.onTick ? { onTick: options.onTick } : {}),
    onError: (key, error) => {
      // A tick cut short because this replica stopped leading is expected, not a failure.
      if (isClientClosed(error)) logger.info(`tick of ${key} stopped: this replica no longer leads`);
      else logger.error(`tick of ${key} failed`, { error: String(error) });
    },
  });
  controller.watch(parts.revisionSources.workloads, parts.revisionSources.configs);
  logger.info('Waiting for canary informer cache to sync');
  await cache.synced();
  let synced = true;
  let elector: LeaderElector | undefined;
  if (config.leaderElection.enabled) {
    const le = config.leaderElection;
    elector = new LeaderElector(
      raw,
      clock,
      logger,
      {
        namespace: le.namespace,
        name: le.leaseName,
        identity: `${hostname()}_${randomUUID()}`,
        leaseDurationMs: le.leaseDurationMs,
        renewDeadlineMs: le.renewDeadlineMs,
        retryPeriodMs: le.retryPeriodMs,
      },
      {
        onStartedLeading: () => {
          // Ticks of an earlier term end quickly once the client is closed; start once they have.
          void controller.idle().then(() => {
            if (!elector?.isLeader) return;
            client.open();
            controller.start();
          });
        },
        onStoppedLeading: () => {
          client.close();
          controller.stop();
        },
      },
    );
    client.close();
    elector.start();
  } else {
    controller.start();
  }
  const ops = await startOpsServer({
    port: config.port,
    ...(config.host ? { host: config.host } : {}),
    registry: parts.metrics.registry,
    ready: () => synced,
  });
  logger.info(`Serving metrics and health checks on ${ops.url}`);
  return {
    opsUrl: ops.url,
    isLeader: () => elector?.isLeader ?? true,
    idle: () => controller.idle(),
    async stop() {
      synced = false;
      controller.stop();
      // Running ticks finish and their events are delivered while this replica still holds the lease;
      // only then is it released, so the next leader never acts next to a tick of this one.
      await controller.idle();
      await parts.events.flush();
      await elector?.stop();
      cache.stop();
      await ops.close();
    },
  };
}
