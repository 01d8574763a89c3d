import type { Canary, CanaryPhase } from '../apis/index.js';
import type { CanaryEvents } from '../events/canary-events.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import type { KubeClient } from '../kube/kube-client.js';
import type { AnalysisOutcome } from '../metrics/analysis-outcome.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { MeshRouter } from '../routers/mesh-router.js';
import type { Provider } from '../routers/providers.js';
import type { ScalerReconciler } from '../targets/autoscalers/scaler-reconciler.js';
import type { TargetMetadata, WorkloadTarget } from '../targets/workload-target.js';
import type { WebhookRunner } from '../webhooks/webhook-runner.js';
import type { DeploymentStrategy } from './strategy.js';

/** The generated Services: `<apex>-canary`, `<apex>-primary` and the apex. */
export interface ServiceRouter {
  /** Creates or corrects the canary and primary Services. */
  initialize(canary: Canary, metadata: TargetMetadata): Promise<void>;
  /** Creates or corrects the apex Service (selecting the primary). */
  reconcile(canary: Canary, metadata: TargetMetadata): Promise<void>;
  /** Points an apex Service the user owns back at the target's pods (revertOnDeletion). */
  finalize(canary: Canary, metadata: TargetMetadata): Promise<void>;
}

/** Metric checks of a canary (`src/metrics`'s MetricChecker). */
export interface AnalysisChecks {
  /** Whether every metric's provider answers; the event text either way. */
  availability(canary: Canary): Promise<{ ok: boolean; message: string }>;
  /** Runs every metric of the analysis for the canary's provider. */
  run(canary: Canary, provider: Provider): Promise<AnalysisOutcome>;
}

/** The operator's own Prometheus metrics, with Flagger's names (`flagger_canary_*`). */
export interface SchedulerMetrics {
  /** flagger_canary_status: 0 Progressing, 2 Failed, 1 otherwise. */
  status(canary: Canary, phase: CanaryPhase): void;
  /** flagger_canary_weight for primary and canary. */
  weights(canary: Canary, primary: number, canaryWeight: number): void;
  /** flagger_canary_duration_seconds, for ticks that reach the analysis. */
  analysisDuration(canary: Canary, seconds: number): void;
  /** flagger_canary_successes_total / failures_total. */
  outcome(
    canary: Canary,
    result: 'success' | 'failure',
    strategy: DeploymentStrategy,
    analysisStatus: 'completed' | 'skipped',
  ): void;
}

/** Everything one tick needs; built in src/main, faked nowhere in tests but the metrics stand-in. */
export interface SchedulerDeps {
  client: KubeClient;
  cache: ClusterReader;
  clock: Clock;
  logger: Logger;
  events: CanaryEvents;
  webhooks: WebhookRunner;
  checks: AnalysisChecks;
  metrics: SchedulerMetrics;
  /** The workload controller for a canary's target; throws TargetError for unsupported kinds. */
  target(canary: Canary): WorkloadTarget;
  /** The primary's autoscaler for a canary's `autoscalerRef` (undefined without one); throws TargetError for unsupported kinds. */
  scaler(canary: Canary): ScalerReconciler | undefined;
  services: ServiceRouter;
  /** The router for a provider; throws UnknownProviderError. */
  router(provider: string): MeshRouter;
  /** `-mesh-provider`. */
  meshProvider: string;
}
