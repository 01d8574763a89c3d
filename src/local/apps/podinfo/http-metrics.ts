import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Podinfo's RED metrics: `http_request_duration_seconds{method,path,status}` and `http_requests_total{status}`. */
export class HttpMetrics {
  /** The registry `/metrics` serves (one per app instance, with the process's default metrics). */
  readonly registry = new Registry();
  private readonly duration: Histogram<'method' | 'path' | 'status'>;
  private readonly requests: Counter<'status'>;

  constructor() {
    // Podinfo's histogram uses Prometheus' default buckets, which prom-client shares.
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Seconds spent serving HTTP requests.',
      labelNames: ['method', 'path', 'status'],
      registers: [this.registry],
    });
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'The total number of HTTP requests.',
      labelNames: ['status'],
      registers: [this.registry],
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records one served request of route `path` (a label such as `root`, `status`, `delay`). */
  observe(method: string, path: string, status: number, seconds: number): void {
    const code = String(status);
    this.duration.observe({ method, path, status: code }, seconds);
    this.requests.inc({ status: code });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** `/api/delay/{wait}` → `api_delay_wait`: podinfo's route-to-label rule. */
export function routeLabel(route: string): string {
  const label = route
    .replace(/[^a-zA-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return label === '' ? 'root' : label;
}
