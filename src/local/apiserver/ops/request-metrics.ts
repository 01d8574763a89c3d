import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const maxClients = 32;

/** Request counters by verb, resource and client, exposed on the server's /metrics. */
export class RequestMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'verb' | 'group' | 'resource' | 'subresource' | 'code' | 'client'>;
  private readonly duration: Histogram<'verb' | 'resource'>;
  private readonly clients = new Set<string>();

  constructor(readWatchers: () => number, readResourceVersion: () => number) {
    this.requests = new Counter({
      name: 'apiserver_request_total',
      help: 'Requests served, by verb, group, resource, subresource, HTTP code and client (user agent product).',
      labelNames: ['verb', 'group', 'resource', 'subresource', 'code', 'client'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'apiserver_request_duration_seconds',
      help: 'Time to answer a request (watches: until the stream opened).',
      labelNames: ['verb', 'resource'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    new Gauge({
      name: 'apiserver_registered_watchers',
      help: 'Open watch streams.',
      registers: [this.registry],
      collect() {
        this.set(readWatchers());
      },
    });
    new Gauge({
      name: 'weir_apiserver_resource_version',
      help: 'The latest resourceVersion.',
      registers: [this.registry],
      collect() {
        this.set(readResourceVersion());
      },
    });
  }

  /** Records one answered request. */
  observe(
    labels: {
      verb: string;
      group: string;
      resource: string;
      subresource: string;
      code: number;
      userAgent: string | undefined;
    },
    seconds: number,
  ): void {
    this.requests.inc({
      verb: labels.verb,
      group: labels.group,
      resource: labels.resource,
      subresource: labels.subresource,
      code: String(labels.code),
      client: this.client(labels.userAgent),
    });
    this.duration.observe({ verb: labels.verb, resource: labels.resource }, seconds);
  }

  /** The product part of a user agent (`kubectl/v1.31.9 (linux/amd64)…` → `kubectl`), with bounded cardinality. */
  private client(userAgent: string | undefined): string {
    const product =
      (userAgent ?? 'unknown')
        .split(/[/\s]/)[0]
        ?.toLowerCase()
        .replace(/[^a-z0-9._-]/g, '') || 'unknown';
    if (this.clients.has(product)) return product;
    if (this.clients.size >= maxClients) return 'other';
    this.clients.add(product);
    return product;
  }
}
