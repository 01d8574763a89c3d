/** A source of metric values (Prometheus, …), the `MetricsProvider` of the design. */
export interface MetricsProvider {
  /** Runs a query that yields one number; rejects with {@link NoValuesError} when there is no data. */
  runQuery(query: string): Promise<number>;
  /** True when the provider answers a trivial query (`vector(1)` for Prometheus); rejects with the reason when it cannot be reached. */
  isOnline(): Promise<boolean>;
}

/** The query returned no value (empty result or NaN): an expected outcome when a workload gets no traffic. */
export class NoValuesError extends Error {
  readonly code = 'no-values' as const;
  constructor(message = 'no values found', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NoValuesError';
  }
}
