import type { Canary, CanaryMetric } from '../apis/index.js';
import type { MetricCheckResult, MetricSource } from './analysis-outcome.js';
import { type BuiltinMetricName, builtinQueries, type Observer } from './builtin-queries.js';
import { type MetricsProvider, NoValuesError } from './metrics-provider.js';
import { collapseWhitespace, type QueryModel, queryModel, renderQuery } from './render-query.js';
import type { TemplateProvider } from './template-provider.js';
import { boundsOf, breach, haltMessage, passMessage, type ValueKind } from './thresholds.js';

/** Interval of a metric without one (Flagger's builtin default; Weir applies it to templates too, §9.3 #13). */
export const DefaultMetricInterval = '1m';

/** Records a successful value (the `flagger_canary_metric_analysis` gauge); durations in seconds. */
export type ValueSink = (metric: string, value: number) => void;

/** What every check needs to know about the canary. */
export interface CheckContext {
  canary: Canary;
  name: string;
  namespace: string;
  record: ValueSink;
}

function base(metric: CanaryMetric, source: MetricSource): Pick<MetricCheckResult, 'name' | 'source'> {
  return { name: metric.name, source };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Compares a value with the metric's bounds and words the result. */
function judge(
  ctx: CheckContext,
  metric: CanaryMetric,
  kind: ValueKind,
  partial: Omit<MetricCheckResult, 'outcome' | 'message' | 'value' | 'min' | 'max'>,
  value: number,
): MetricCheckResult {
  const bounds = boundsOf(metric, kind);
  const side = breach(value, bounds);
  const result: MetricCheckResult = { ...partial, ...bounds, outcome: side ? 'fail' : 'pass', message: '' };
  // Infinity has no JSON form; the message still shows it.
  if (Number.isFinite(value)) result.value = value;
  result.message = side
    ? haltMessage({
        canary: ctx,
        kind,
        metric: metric.name,
        value,
        side,
        bound: bounds[side]!,
      })
    : passMessage(kind, metric.name, value, bounds);
  return result;
}

/** Skipper route names have every non-word character replaced by `_`. */
function wordSafe(model: QueryModel): QueryModel {
  const safe = (s: string) => s.replace(/\W/g, '_');
  return {
    ...model,
    name: safe(model.name),
    namespace: safe(model.namespace),
    target: safe(model.target),
    service: safe(model.service),
    ingress: safe(model.ingress),
  };
}

/** A builtin metric (`request-success-rate`, `request-duration`) on the observer's PromQL. */
export async function checkBuiltin(
  ctx: CheckContext,
  metric: CanaryMetric & { name: BuiltinMetricName },
  options: { observer: Observer; providerLabel: string; prometheus: MetricsProvider | string },
): Promise<MetricCheckResult> {
  const partial = base(metric, 'builtin');
  if (typeof options.prometheus === 'string') {
    return { ...partial, outcome: 'error', message: options.prometheus };
  }
  const queries = builtinQueries[options.observer];
  const model = queryModel(ctx.canary, metric.interval || DefaultMetricInterval, metric.templateVariables);
  let query: string;
  try {
    query = collapseWhitespace(
      renderQuery(queries[metric.name], queries.wordSafeModel ? wordSafe(model) : model),
    );
  } catch (error) {
    return { ...partial, outcome: 'error', message: `Prometheus query failed: ${message(error)}` };
  }
  const withQuery = { ...partial, query };
  let raw: number;
  try {
    raw = await options.prometheus.runQuery(query);
  } catch (error) {
    if (error instanceof NoValuesError) {
      const prefix = `Halt advancement no values found for ${options.providerLabel} metric ${metric.name} probably ${ctx.canary.spec.targetRef.name}.${ctx.namespace} is not receiving traffic`;
      const text = metric.name === 'request-success-rate' ? `${prefix}: ${error.message}` : prefix;
      return { ...withQuery, outcome: 'no-data', message: text };
    }
    return { ...withQuery, outcome: 'error', message: `Prometheus query failed: ${message(error)}` };
  }
  if (metric.name === 'request-success-rate') {
    ctx.record(metric.name, raw);
    return judge(ctx, metric, 'success-rate', withQuery, raw);
  }
  // Flagger truncates to whole milliseconds (`time.Duration(int64(v)) * time.Millisecond`).
  const ms = Math.trunc(queries.durationUnit === 's' ? raw * 1000 : raw);
  ctx.record(metric.name, ms / 1000);
  return judge(ctx, metric, 'duration', withQuery, ms);
}

/** A deprecated inline `query`, run on the builtin Prometheus. */
export async function checkInlineQuery(
  ctx: CheckContext,
  metric: CanaryMetric & { query: string },
  prometheus: MetricsProvider | string,
): Promise<MetricCheckResult> {
  const partial = base(metric, 'query');
  if (typeof prometheus === 'string') return { ...partial, outcome: 'error', message: prometheus };
  const failed = (error: unknown) => `Prometheus query failed for ${metric.name}: ${message(error)}`;
  let query: string;
  try {
    const model = queryModel(ctx.canary, metric.interval || DefaultMetricInterval, metric.templateVariables);
    query = collapseWhitespace(renderQuery(metric.query, model));
  } catch (error) {
    return { ...partial, outcome: 'error', message: failed(error) };
  }
  try {
    const value = await prometheus.runQuery(query);
    ctx.record(metric.name, value);
    return judge(ctx, metric, 'custom', { ...partial, query }, value);
  } catch (error) {
    if (error instanceof NoValuesError) {
      return {
        ...partial,
        query,
        outcome: 'no-data',
        message: `Halt advancement no values found for metric: ${metric.name}`,
      };
    }
    return { ...partial, query, outcome: 'error', message: failed(error) };
  }
}

/** A `templateRef` metric: the MetricTemplate's query on the template's provider. */
export async function checkTemplate(
  ctx: CheckContext,
  metric: CanaryMetric,
  resolved: TemplateProvider,
  interval: string,
): Promise<MetricCheckResult> {
  const partial = { ...base(metric, 'template'), template: resolved.label };
  if (!resolved.ok) return { ...partial, outcome: 'error', message: resolved.message };
  let query: string;
  try {
    const model = queryModel(ctx.canary, interval, metric.templateVariables);
    query = collapseWhitespace(renderQuery(resolved.template.spec.query, model));
  } catch (error) {
    return {
      ...partial,
      outcome: 'error',
      message: `Metric template ${resolved.label} query render error: ${message(error)}`,
    };
  }
  try {
    const value = await resolved.provider.runQuery(query);
    ctx.record(metric.name, value);
    return judge(ctx, metric, 'custom', { ...partial, query }, value);
  } catch (error) {
    if (error instanceof NoValuesError) {
      return {
        ...partial,
        query,
        outcome: 'no-data',
        message: `Halt advancement no values found for custom metric: ${metric.name}: ${error.message}`,
      };
    }
    return {
      ...partial,
      query,
      outcome: 'error',
      message: `Metric query failed for ${metric.name}: ${message(error)}`,
    };
  }
}

/** A metric with neither a builtin name, a query nor a templateRef: a failed check, never a pass. */
export function checkUnusable(metric: CanaryMetric): MetricCheckResult {
  return {
    ...base(metric, 'none'),
    outcome: 'error',
    message: `Metric query failed for ${metric.name}: no usable metrics template and query were configured (set templateRef, or use a builtin name: request-success-rate, request-duration)`,
  };
}
