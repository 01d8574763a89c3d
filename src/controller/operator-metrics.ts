import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Canary, CanaryPhase } from '../apis/index.js';
import type { SchedulerMetrics } from '../scheduler/scheduler-deps.js';
import type { DeploymentStrategy } from '../scheduler/strategy.js';

/** The operator's Prometheus metrics with Flagger's names, so existing dashboards keep working. */
export class OperatorMetrics implements SchedulerMetrics {
  readonly registry = new Registry();
  private readonly canaryStatus: Gauge<'name' | 'namespace'>;
  private readonly canaryWeight: Gauge<'workload' | 'namespace'>;
  private readonly canaryTotal: Gauge<'namespace'>;
  private readonly analysis: Gauge<'name' | 'namespace' | 'metric'>;
  private readonly duration: Histogram<'name' | 'namespace'>;
  private readonly successes: Counter<'name' | 'namespace' | 'deployment_strategy' | 'analysis_status'>;
  private readonly failures: Counter<'name' | 'namespace' | 'deployment_strategy' | 'analysis_status'>;

  constructor(options: { version: string; meshProvider: string; processMetrics?: boolean }) {
    const registers = [this.registry];
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'flagger_info',
      help: 'Flagger version and mesh provider information',
      labelNames: ['version', 'mesh_provider'],
      registers,
    }).set({ version: options.version, mesh_provider: options.meshProvider }, 1);
    this.canaryTotal = new Gauge({
      name: 'flagger_canary_total',
      help: 'Total number of canary object',
      labelNames: ['namespace'],
      registers,
    });
    this.canaryStatus = new Gauge({
      name: 'flagger_canary_status',
      help: 'Last canary analysis result',
      labelNames: ['name', 'namespace'],
      registers,
    });
    this.canaryWeight = new Gauge({
      name: 'flagger_canary_weight',
      help: 'The virtual service destination weight current value',
      labelNames: ['workload', 'namespace'],
      registers,
    });
    this.analysis = new Gauge({
      name: 'flagger_canary_metric_analysis',
      help: 'Last canary analysis result per metric',
      labelNames: ['name', 'namespace', 'metric'],
      registers,
    });
    this.duration = new Histogram({
      name: 'flagger_canary_duration_seconds',
      help: 'Seconds spent performing canary analysis.',
      labelNames: ['name', 'namespace'],
      registers,
    });
    this.successes = new Counter({
      name: 'flagger_canary_successes_total',
      help: 'Total number of canary successful promotions',
      labelNames: ['name', 'namespace', 'deployment_strategy', 'analysis_status'],
      registers,
    });
    this.failures = new Counter({
      name: 'flagger_canary_failures_total',
      help: 'Total number of canary failures',
      labelNames: ['name', 'namespace', 'deployment_strategy', 'analysis_status'],
      registers,
    });
  }

  status(canary: Canary, phase: CanaryPhase): void {
    const value = phase === 'Progressing' ? 0 : phase === 'Failed' ? 2 : 1;
    this.canaryStatus.set(
      { name: canary.spec.targetRef.name, namespace: canary.metadata.namespace ?? '' },
      value,
    );
  }

  weights(canary: Canary, primary: number, canaryWeight: number): void {
    const namespace = canary.metadata.namespace ?? '';
    this.canaryWeight.set({ workload: `${canary.spec.targetRef.name}-primary`, namespace }, primary);
    this.canaryWeight.set({ workload: canary.spec.targetRef.name, namespace }, canaryWeight);
  }

  analysisDuration(canary: Canary, seconds: number): void {
    this.duration.observe(
      { name: canary.spec.targetRef.name, namespace: canary.metadata.namespace ?? '' },
      seconds,
    );
  }

  outcome(
    canary: Canary,
    result: 'success' | 'failure',
    strategy: DeploymentStrategy,
    analysisStatus: 'completed' | 'skipped',
  ): void {
    const labels = {
      name: canary.spec.targetRef.name,
      namespace: canary.metadata.namespace ?? '',
      deployment_strategy: strategy,
      analysis_status: analysisStatus,
    };
    (result === 'success' ? this.successes : this.failures).inc(labels);
  }

  /** flagger_canary_metric_analysis: the last value of one metric of one canary. */
  metricValue(canary: Canary, metric: string, value: number): void {
    this.analysis.set(
      { name: canary.spec.targetRef.name, namespace: canary.metadata.namespace ?? '', metric },
      value,
    );
  }

  /** flagger_canary_total per namespace. */
  canaries(countByNamespace: Map<string, number>): void {
    this.canaryTotal.reset();
    for (const [namespace, count] of countByNamespace) this.canaryTotal.set({ namespace }, count);
  }
}
