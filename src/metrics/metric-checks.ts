import type { Canary, CanaryMetric } from '../apis/index.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import { type Clock, rfc3339 } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Provider } from '../routers/providers.js';
import {
  type AnalysisOutcome,
  levelOf,
  type MetricCheckResult,
  type ProviderAvailability,
} from './analysis-outcome.js';
import { isBuiltinMetric, observerFor } from './builtin-queries.js';
import {
  type CheckContext,
  checkBuiltin,
  checkInlineQuery,
  checkTemplate,
  checkUnusable,
  DefaultMetricInterval,
} from './metric-check-runners.js';
import type { MetricsProvider } from './metrics-provider.js';
import { createMetricsProviderFactory, type MetricsProviderFactory } from './providers/provider-factory.js';
import { templateProvider } from './template-provider.js';

/** What the metric checks read and call. */
export interface MetricCheckerDeps {
  /** Cached MetricTemplates and Secrets (the operator must track both kinds, in every namespace templates live in). */
  cluster: ClusterReader;
  /** Prometheus for builtin and inline metrics (`-metrics-server`); `spec.metricsServer` overrides it per canary. */
  metricsServer: string;
  /** Stamps each analysis. */
  clock: Clock;
  /** Builds providers; Prometheus only by default. */
  providers?: MetricsProviderFactory;
  /** Called with every value obtained, for `flagger_canary_metric_analysis` (request-duration in seconds). */
  onValue?: (canary: Canary, metric: string, value: number) => void;
  /** Debug lines with the queries sent. */
  logger?: Logger;
}

type TemplateMetric = CanaryMetric & { templateRef: NonNullable<CanaryMetric['templateRef']> };

/**
 * Runs a canary's metric analysis (Flagger's `runBuiltinMetricChecks` + `runMetricChecks`) and its
 * provider availability check. Unlike Flagger, every metric is evaluated each tick so the status can
 * explain all of them; the first failure in Flagger's order is the one event and one failed check.
 */
export class MetricChecker {
  private readonly providers: MetricsProviderFactory;

  constructor(private readonly deps: MetricCheckerDeps) {
    this.providers = deps.providers ?? createMetricsProviderFactory();
  }

  /** The Prometheus of builtin and inline metrics, or Flagger's error text when it cannot be built. */
  private builtinPrometheus(canary: Canary): { address: string; provider: MetricsProvider | string } {
    const address = canary.spec.metricsServer || this.deps.metricsServer;
    try {
      const provider = this.providers({
        provider: { type: 'prometheus', address },
        interval: DefaultMetricInterval,
      });
      return { address, provider };
    } catch (error) {
      return {
        address,
        provider: `Error building Prometheus client for ${address} ${(error as Error).message}`,
      };
    }
  }

  /**
   * Whether every provider the canary's metrics need answers (Flagger's `checkMetricProviderAvailability`,
   * run while the canary initializes): the builtin Prometheus for builtin and inline metrics, each
   * template's provider for templateRef metrics. Stops at the first problem, like Flagger.
   */
  async availability(canary: Canary, _provider?: Provider): Promise<ProviderAvailability> {
    const fail = (reason: string): ProviderAvailability => ({
      ok: false,
      reason,
      message: `Error checking metric providers: ${reason}`,
    });
    let builtinChecked = false;
    for (const metric of canary.spec.analysis?.metrics ?? []) {
      if ((isBuiltinMetric(metric.name) || metric.query) && !builtinChecked) {
        builtinChecked = true;
        const { provider } = this.builtinPrometheus(canary);
        if (typeof provider === 'string') return fail(lowerFirst(provider));
        const reason = await offlineReason(provider);
        if (reason !== undefined) return fail(`prometheus not available: ${reason}`);
      }
      if (metric.templateRef) {
        const interval = metric.interval || DefaultMetricInterval;
        const resolved = this.template(canary, metric as TemplateMetric, interval);
        if (!resolved.ok) return fail(lowerFirst(resolved.message));
        const reason = await offlineReason(resolved.provider);
        if (reason !== undefined) {
          const type = resolved.template.spec.provider.type;
          return fail(`${type} in metric template ${resolved.label} not available: ${reason}`);
        }
      } else if (!isBuiltinMetric(metric.name) && !metric.query) {
        return fail(lowerFirst(checkUnusable(metric).message));
      }
    }
    return { ok: true, message: 'all the metrics providers are available!' };
  }

  /**
   * Runs every metric check of one analysis tick. `provider` is the canary's parsed mesh provider
   * (`spec.provider` or `-mesh-provider`); it selects the builtin queries.
   */
  async run(canary: Canary, provider: Provider): Promise<AnalysisOutcome> {
    const namespace = canary.metadata.namespace ?? '';
    const ctx: CheckContext = {
      canary,
      name: canary.metadata.name,
      namespace,
      record: (metric, value) => this.deps.onValue?.(canary, metric, value),
    };
    const metrics = canary.spec.analysis?.metrics ?? [];
    const needsPrometheus = metrics.some((m) => isBuiltinMetric(m.name) || m.query);
    const prometheus = needsPrometheus ? this.builtinPrometheus(canary).provider : '';
    const observer = observerFor(provider);
    // Flagger's label in the no-data message: the provider string, `:service` appended for Service targets.
    const providerLabel =
      canary.spec.targetRef.kind === 'Service' ? `${provider.name}:service` : provider.name;

    const checks: Promise<MetricCheckResult>[] = [];
    for (const metric of metrics) {
      if (isBuiltinMetric(metric.name)) {
        checks.push(
          checkBuiltin(ctx, { ...metric, name: metric.name }, { observer, providerLabel, prometheus }),
        );
      }
      if (metric.query) checks.push(checkInlineQuery(ctx, { ...metric, query: metric.query }, prometheus));
    }
    for (const metric of metrics) {
      if (metric.templateRef) {
        const interval = metric.interval || DefaultMetricInterval;
        const resolved = this.template(canary, metric as TemplateMetric, interval);
        checks.push(checkTemplate(ctx, metric, resolved, interval));
      } else if (!isBuiltinMetric(metric.name) && !metric.query) {
        checks.push(Promise.resolve(checkUnusable(metric)));
      }
    }
    const results = await Promise.all(checks);
    for (const result of results) {
      if (result.query) {
        this.deps.logger?.debug(`Metric ${result.name} query: ${result.query}`, {
          canary: `${canary.metadata.name}.${namespace}`,
          outcome: result.outcome,
          ...(result.value !== undefined ? { value: result.value } : {}),
        });
      }
    }
    const first = results.find((r) => r.outcome !== 'pass');
    return {
      passed: first === undefined,
      results,
      ...(first ? { failure: { message: first.message, level: levelOf(first.outcome) } } : {}),
      checkedAt: rfc3339(this.deps.clock.now()),
    };
  }

  private template(canary: Canary, metric: TemplateMetric, interval: string) {
    return templateProvider(
      { cluster: this.deps.cluster, providers: this.providers },
      canary,
      metric,
      interval,
    );
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Why a provider is offline, or undefined when it answers. */
async function offlineReason(provider: MetricsProvider): Promise<string | undefined> {
  try {
    return (await provider.isOnline()) ? undefined : 'the provider is not online';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
