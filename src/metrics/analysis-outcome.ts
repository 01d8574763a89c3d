/** Where a metric check's query comes from. */
export const MetricSources = ['builtin', 'query', 'template', 'none'] as const;
export type MetricSource = (typeof MetricSources)[number];

/** How one metric check ended. */
export const MetricOutcomes = ['pass', 'fail', 'no-data', 'error'] as const;
export type MetricOutcome = (typeof MetricOutcomes)[number];

/**
 * One metric check of one tick, plain JSON for the Canary status: what was asked, what came back, which
 * bounds applied and why it passed or not.
 */
export interface MetricCheckResult {
  /** The metric's `name` in `spec.analysis.metrics`. */
  name: string;
  /** Builtin query, inline `query`, `templateRef`, or none of them (a misconfigured metric). */
  source: MetricSource;
  /** `<name>.<namespace>` of the MetricTemplate, for template metrics. */
  template?: string;
  /** The query as sent (rendered, whitespace collapsed), once it could be rendered. */
  query?: string;
  /** The value compared with the bounds: a percentage, milliseconds (request-duration) or the raw value. */
  value?: number;
  /** Lowest accepted value, in the unit of `value` (from thresholdRange, or the deprecated threshold). */
  min?: number;
  /** Highest accepted value, in the unit of `value`. */
  max?: number;
  /** pass, fail (out of bounds), no-data (empty/NaN result) or error (provider, template, config). */
  outcome: MetricOutcome;
  /** Flagger's event text for a failure (`Halt podinfo.test advancement success rate 69.17% < 99%`), else an explanation. */
  message: string;
}

/** The result of a tick's metric analysis. */
export interface AnalysisOutcome {
  /** Every check passed (also true when there are no metrics). */
  passed: boolean;
  /** Every check, in the order Flagger runs them: builtin and inline metrics in spec order, then templates. */
  results: MetricCheckResult[];
  /** The first failed check, as the one event to emit (Flagger stops at it and counts one failed check). */
  failure?: { message: string; level: 'warn' | 'error' };
  /** When the checks ran (RFC 3339). */
  checkedAt: string;
}

/** Whether a canary's metric providers can be reached, checked while it initializes. */
export type ProviderAvailability =
  | {
      ok: true;
      /** `all the metrics providers are available!` */
      message: string;
    }
  | {
      ok: false;
      /** What is unavailable, e.g. `prometheus not available: running query failed: …`. */
      reason: string;
      /** The event text: `Error checking metric providers: <reason>`. */
      message: string;
    };

/** The event level of an outcome: errors (provider, template, config) are logged at error, the rest at warn. */
export function levelOf(outcome: MetricOutcome): 'warn' | 'error' {
  return outcome === 'error' ? 'error' : 'warn';
}
