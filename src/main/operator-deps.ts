import type { Canary } from '../apis/index.js';
import type { Config } from '../config/config.js';
import { CanarySync } from '../controller/canary-sync.js';
import { OperatorMetrics } from '../controller/operator-metrics.js';
import { KubeCanaryEvents } from '../events/kube-canary-events.js';
import type { InformerCache } from '../kube/informer-cache.js';
import type { KubeClient } from '../kube/kube-client.js';
import type { TypeRef } from '../kube/kube-object.js';
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
import type { SchedulerDeps, ServiceRouter } from '../scheduler/scheduler-deps.js';
import { createScalerReconciler } from '../targets/autoscalers/scaler-reconciler.js';
import { ConfigMapType } from '../targets/config-tracking/config-objects.js';
import { ConfigTracker } from '../targets/config-tracking/config-tracker.js';
import { createTarget, targetTypes, workloadTypes } from '../targets/target-factory.js';
import type { ConfigRef } from '../targets/workload-target.js';
import { HttpWebhookRunner } from '../webhooks/http-webhook-runner.js';

/** The parts of the operator every tick uses, plus the handles `startOperator` and tests need. */
export interface OperatorParts {
  scheduler: SchedulerDeps;
  metrics: OperatorMetrics;
  events: KubeCanaryEvents;
  /** Flagger's syncHandler before each tick: validation, finalizers, revertOnDeletion. */
  lifecycle: CanarySync;
  /** Starts caching what a provider's router reads (idempotent). */
  trackProvider(provider: string): void;
  /** Kinds whose watch events may be a new revision: workloads, and the ConfigMaps/Secrets tracked configs are. */
  revisionSources: { workloads: readonly TypeRef[]; configs: readonly TypeRef[] };
  /** The ConfigMaps and Secrets a canary's target references (none when config tracking is off or unknown). */
  configRefs(canary: Canary): ConfigRef[];
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
    ...targetTypes,
    ...(config.enableConfigTracking ? [ConfigMapType] : []),
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
    ...(config.enableConfigTracking
      ? {
          configs: new ConfigTracker({
            client,
            cache,
            logger,
            includeLabelPrefix: config.includeLabelPrefix,
          }),
        }
      : {}),
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
    scaler: (canary: Canary) =>
      createScalerReconciler(canary, {
        client,
        cache,
        logger,
        includeLabelPrefix: config.includeLabelPrefix,
      }),
    services: generatedServicesOnly(new KubernetesRouter(routerDeps)),
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
  const lifecycle = new CanarySync({
    scheduler,
    sleep: options.sleep,
    minAnalysisIntervalMs: config.minAnalysisIntervalMs,
    noCrossNamespaceRefs: config.noCrossNamespaceRefs,
  });
  const configRefs = (canary: Canary): ConfigRef[] => {
    try {
      return scheduler.target(canary).configRefs(canary);
    } catch {
      // Target missing or of an unsupported kind: the tick reports it; nothing to watch for.
      return [];
    }
  };
  const revisionSources = {
    workloads: workloadTypes,
    configs: config.enableConfigTracking ? [ConfigMapType, SecretType] : [],
  };
  return { scheduler, metrics, events, lifecycle, trackProvider, revisionSources, configRefs };
}

/**
 * The generated `<apex>`, `<apex>-primary` and `<apex>-canary` Services, except for `kind: Service`
 * targets (Flagger's KubernetesNoopRouter): their `-primary` and `-canary` copies are the target's own.
 */
function generatedServicesOnly(router: ServiceRouter): ServiceRouter {
  const generated = (canary: Canary) => canary.spec.targetRef.kind !== 'Service';
  return {
    initialize: async (canary, metadata) => {
      if (generated(canary)) await router.initialize(canary, metadata);
    },
    reconcile: async (canary, metadata) => {
      if (generated(canary)) await router.reconcile(canary, metadata);
    },
    finalize: async (canary, metadata) => {
      if (generated(canary)) await router.finalize(canary, metadata);
    },
  };
}
