import { Counter, Histogram, Registry } from 'prom-client';
import type { Caller, DestinationIdentity } from './service-directory.js';
import { unknown } from './workloads.js';

/** Envoy's response flags the mesh sets (`-` when none). */
export const ResponseFlags = ['-', 'UF', 'UC', 'UH', 'UT', 'NR', 'DC'] as const;
export type ResponseFlag = (typeof ResponseFlags)[number];

/** Istio's standard metric labels, in Istio's order. */
const labelNames = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_app',
  'source_version',
  'source_canonical_service',
  'destination_workload',
  'destination_workload_namespace',
  'destination_app',
  'destination_version',
  'destination_canonical_service',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'request_protocol',
  'response_code',
  'response_flags',
  'connection_security_policy',
] as const;
type LabelName = (typeof labelNames)[number];

/** Istio's default buckets of `istio_request_duration_milliseconds`. */
export const istioDurationBuckets = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
] as const;

interface Series {
  requests: { inc(): void };
  duration: { observe(value: number): void };
}

/**
 * Istio's standard request metrics as the destination sidecar reports them (`reporter="destination"`):
 * `istio_requests_total` and `istio_request_duration_milliseconds`, so Flagger's builtin Istio queries
 * run unchanged against the mesh. Labelled series are cached per label set.
 */
export class MeshTelemetry {
  /** The registry the mesh's `/metrics` serves. */
  readonly registry = new Registry();
  private readonly requests: Counter<LabelName>;
  private readonly duration: Histogram<LabelName>;
  private readonly series = new Map<string, Series>();

  constructor() {
    this.requests = new Counter({
      name: 'istio_requests_total',
      help: 'Requests handled by the mesh, as reported by the destination.',
      labelNames,
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'istio_request_duration_milliseconds',
      help: 'Time from the request to the end of the response, in milliseconds.',
      labelNames,
      buckets: [...istioDurationBuckets],
      registers: [this.registry],
    });
  }

  /** Counts one request that reached (or tried to reach) `destination` and its duration. */
  record(
    destination: DestinationIdentity,
    caller: Caller | undefined,
    code: number,
    flag: ResponseFlag,
    durationMs: number,
  ): void {
    const source = caller?.workload;
    const key = `${destination.key}\u0000${source ? `${source.namespace}/${source.name}/${source.app}/${source.version}/${source.canonicalService}` : (caller?.namespace ?? '')}\u0000${code}\u0000${flag}`;
    let series = this.series.get(key);
    if (!series) {
      const labels = this.labels(destination, caller, code, flag);
      series = { requests: this.requests.labels(labels), duration: this.duration.labels(labels) };
      this.series.set(key, series);
    }
    series.requests.inc();
    series.duration.observe(durationMs);
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private labels(
    destination: DestinationIdentity,
    caller: Caller | undefined,
    code: number,
    flag: ResponseFlag,
  ): Record<LabelName, string> {
    const { workload, service } = destination;
    const source = caller?.workload;
    return {
      reporter: 'destination',
      source_workload: source?.name ?? unknown,
      source_workload_namespace: source?.namespace ?? caller?.namespace ?? unknown,
      source_app: source?.app ?? unknown,
      source_version: source?.version ?? unknown,
      source_canonical_service: source?.canonicalService ?? unknown,
      destination_workload: workload.name,
      destination_workload_namespace: workload.namespace,
      destination_app: workload.app,
      destination_version: workload.version,
      destination_canonical_service: workload.canonicalService,
      destination_service: service.fqdn,
      destination_service_name: service.name,
      destination_service_namespace: service.namespace,
      request_protocol: 'http',
      response_code: String(code),
      response_flags: flag,
      connection_security_policy: 'none',
    };
  }
}
