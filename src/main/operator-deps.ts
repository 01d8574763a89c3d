import type { Canary } from '../apis/index.js';
import type { Config } from '../config/config.js';
import { OperatorMetrics } from '../controller/operator-metrics.js';
import { KubeCanaryEvents } from '../events/kube-canary-events.js';
import type { InformerCache } from '../kube/informer-cache.js';
import type { KubeClient } from '../kube/kube-client.js';
import { MetricChecker } from '../metrics/metric-checks.js';
import type { MetricsProviderFactory } from '../metrics/providers/provider-factory.js';
import { MetricTemplateType, SecretType } from '../metrics/template-provider.js';
import { globalNotifier } from '../notifiers/global-notifier.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { KubernetesRouter } from '../routers/kubernetes/service-router.js';
import { ServiceType } from '../routers/kubernetes/service-spec.js';
import type { MeshRouter } from '../routers/mesh-router.js';
import { createMeshRouter, routingTypes } from '../routers/router-factory.js';
import type { SchedulerDeps } from '../scheduler/scheduler-deps.js';
import { deploymentTargetTypes } from '../targets/deployment-target.js';
import { createTarget } from '../targets/target-factory.js';
import { HttpWebhookRunner } from '../webhooks/http-webhook-runner.js';

/** The parts of the operator every tick uses, plus the handles `startOperator` and tests need. */
export interface OperatorParts {
  scheduler: SchedulerDeps;
  metrics: OperatorMetrics;
  events: KubeCanaryEvents;
  /** Starts caching what a provider's router reads (idempotent). */
  trackProvider(provider: string): void;
}

/** The inputs: clients, cache, configuration, time. */
export interface OperatorPartsOptions {
  config: Readonly<Config>;
  /** Writes go through it (write-through to `cache`). */
  client: KubeClient;
  cache: InformerCache;
  clock: Clock;
  logger: Logger;
  version: string;
  /** Waits between webhook retries (tests return at once). */
  sleep: (ms: number) => Promise<void>;
  /** Builds metric providers; Prometheus by default. */
  metricProviders?: MetricsProviderFactory;
}

export const alertProviderType = { apiVersion: 'flagger.app/v1beta1', kind: 'AlertProvider' } as const;

/**
 * Builds the operator from its parts — the only place real implementations are chosen (the design's
 * `src/main`). The same function serves `weir operator` and the scenario tests, so tests exercise the
 * wiring users run.
 */
export function buildOperatorParts(options: OperatorPartsOptions): OperatorParts {
  const { config, client, cache, clock, logger } = options;
  for (const type of [
    ServiceType,
    MetricTemplateType,
    SecretType,
    alertProviderType,
    ...deploymentTargetTypes,
  ])
    cache.track(type);
  const metrics = new OperatorMetrics({
    version: options.version,
    meshProvider: config.meshProvider,
    processMetrics: true,
  });
  const checks = new MetricChecker({
    cluster: cache,
    metricsServer: config.metricsServer,
    clock,
    logger,
    onValue: (canary, metric, value) => metrics.metricValue(canary, metric, value),
    ...(options.metricProviders ? { providers: options.metricProviders } : {}),
  });
  const webhooks = new HttpWebhookRunner({ sleep: options.sleep, clock, logger });
  const events = new KubeCanaryEvents({
    kube: client,
    cluster: cache,
    logger,
    clock,
    webhooks,
    globalNotifier: globalNotifier(config, logger),
    eventWebhook: config.eventWebhook,
    clusterName: config.clusterName,
    noCrossNamespaceRefs: config.noCrossNamespaceRefs,
  });
  const routerDeps = { client, reader: cache, logger };
  const routers = new Map<string, MeshRouter>();
  const trackProvider = (provider: string) => {
    for (const type of routingTypes(provider)) if (!cache.tracks(type)) cache.track(type);
  };
  trackProvider(config.meshProvider);
  const targetOptions = {
    client,
    cache,
    clock,
    logger,
    selectorLabels: config.selectorLabels,
    includeLabelPrefix: config.includeLabelPrefix,
  };
  const scheduler: SchedulerDeps = {
    client,
    cache,
    clock,
    logger,
    events,
    webhooks,
    checks: {
      availability: (canary) => checks.availability(canary),
      run: (canary, provider) => checks.run(canary, provider),
    },
    metrics,
    target: (canary: Canary) => createTarget(canary, targetOptions),
    services: new KubernetesRouter(routerDeps),
    router(provider: string) {
      let router = routers.get(provider);
      if (!router) {
        router = createMeshRouter(provider, routerDeps);
        trackProvider(provider);
        routers.set(provider, router);
      }
      return router;
    },
    meshProvider: config.meshProvider,
  };
  return { scheduler, metrics, events, trackProvider };
}
