// The subset of autocannon 8's programmatic API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  /** One raw request autocannon is about to send. */
  export interface RawRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  /** One step of the request sequence each connection loops over. */
  export interface RequestStep extends RawRequest {
    /** Rewrites the request before it is sent (called for every request). */
    setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
  }

  /** Options of one run. */
  export interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    pipelining?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: RequestStep[];
    title?: string;
  }

  /** Percentiles of one histogram (latencies in milliseconds). */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9: number;
  }

  /** What a finished run reports. */
  export interface Result {
    title?: string;
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
    throughput: Histogram;
  }

  /** A running load test: a promise of its result that also reports each response. */
  export interface Instance extends Promise<Result> {
    stop(): void;
    /** `responseTime` in milliseconds, with sub-millisecond resolution (the result's histograms round). */
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
    ): this;
  }

  /** Runs a load test; resolves with its result. */
  function autocannon(options: Options): Instance;
  export default autocannon;
}
