import { Agent as HttpsAgent } from 'node:https';
import fetch, { Headers } from 'node-fetch';
import { type MetricsProvider, NoValuesError } from '../metrics-provider.js';
import { collapseWhitespace } from '../render-query.js';
import { MetricsProviderError } from './provider-errors.js';

/** How requests to Prometheus authenticate. */
export type PrometheusAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string };

/** Where and how to reach a Prometheus HTTP API. */
export interface PrometheusProviderOptions {
  /** Base URL, e.g. `http://prometheus.istio-system:9090` (a path prefix is kept). */
  address: string;
  /** Extra request headers, each name with its values (MetricTemplate `provider.headers`). */
  headers?: Readonly<Record<string, readonly string[]>>;
  /** Credentials; none by default. */
  auth?: PrometheusAuth;
  /** Accept any TLS certificate (`provider.insecureSkipVerify`). */
  insecureSkipVerify?: boolean;
  /** Request timeout; 5 s like Flagger's. */
  timeoutMs?: number;
}

/**
 * The credentials of a MetricTemplate's secret (decoded `data`): `token` means a bearer token, otherwise
 * `username` and `password` are both required. Throws a `missing-credentials` error naming the missing key.
 */
export function prometheusAuth(credentials: Readonly<Record<string, string>>): PrometheusAuth {
  if (credentials.token !== undefined) return { kind: 'bearer', token: credentials.token };
  for (const key of ['username', 'password'] as const) {
    if (credentials[key] === undefined) {
      throw new MetricsProviderError(
        'missing-credentials',
        `prometheus credentials do not contain a ${key}: the secret needs the key "token", or the keys "username" and "password"`,
      );
    }
  }
  return { kind: 'basic', username: credentials.username!, password: credentials.password! };
}

interface QueryResponse {
  status?: string;
  data?: { resultType?: string; result?: unknown };
}

/** Parses a sample value the way Go's `strconv.ParseFloat` reads Prometheus' (`NaN`, `+Inf`, `1e-3`). */
function parseSample(text: string): number {
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return Number.NaN;
  const value = text.trim() === text && text !== '' ? Number(text) : Number.NaN;
  if (Number.isNaN(value)) {
    throw new MetricsProviderError(
      'bad-response',
      `strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`,
    );
  }
  return value;
}

/** Queries a Prometheus HTTP API (`GET /api/v1/query`), Flagger's `prometheus` metrics provider. */
export class PrometheusProvider implements MetricsProvider {
  private readonly base: URL;
  private readonly agent: HttpsAgent | undefined;

  constructor(private readonly options: PrometheusProviderOptions) {
    let base: URL | undefined;
    try {
      base = new URL(options.address);
    } catch {
      base = undefined;
    }
    if (!base || (base.protocol !== 'http:' && base.protocol !== 'https:')) {
      throw new MetricsProviderError(
        'invalid-address',
        `prometheus address ${options.address} is not a valid URL`,
      );
    }
    this.base = base;
    this.agent =
      options.insecureSkipVerify && base.protocol === 'https:'
        ? new HttpsAgent({ rejectUnauthorized: false })
        : undefined;
  }

  /** The URL a query is sent to: `<address>/api/v1/query?query=<collapsed query>`. */
  queryUrl(query: string): string {
    const url = new URL(this.base.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/query`;
    url.search = '';
    url.hash = '';
    url.searchParams.set('query', collapseWhitespace(query));
    return url.href;
  }

  async runQuery(query: string): Promise<number> {
    const body = await this.get(this.queryUrl(query));
    let parsed: QueryResponse;
    try {
      parsed = JSON.parse(body) as QueryResponse;
    } catch (error) {
      throw new MetricsProviderError(
        'bad-response',
        `error unmarshaling result: ${(error as Error).message}, '${body.slice(0, 300)}'`,
        { cause: error },
      );
    }
    const result = parsed.data?.result;
    if (parsed.data?.resultType === 'matrix') {
      throw new MetricsProviderError('multiple-values', 'query returned multiple values');
    }
    let value: number | undefined;
    if (parsed.data?.resultType === 'scalar' && Array.isArray(result)) {
      // `1 + 1` answers a scalar `[time, "2"]`; Flagger fails to decode it, its value is plainly usable.
      if (typeof result[1] === 'string') value = parseSample(result[1]);
    } else if (Array.isArray(result)) {
      // Several series: the last one wins, as in Flagger.
      for (const sample of result as { value?: unknown }[]) {
        const text = Array.isArray(sample?.value) ? sample.value[1] : undefined;
        if (typeof text === 'string') value = parseSample(text);
      }
    }
    if (value === undefined || Number.isNaN(value)) throw new NoValuesError('no values found');
    return value;
  }

  async isOnline(): Promise<boolean> {
    let value: number;
    try {
      value = await this.runQuery('vector(1)');
    } catch (error) {
      throw new MetricsProviderError('request-failed', `running query failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (value !== 1) {
      throw new MetricsProviderError('bad-response', 'value is not 1 for query: vector(1)');
    }
    return true;
  }

  private headers(): Headers {
    const headers = new Headers();
    for (const [name, values] of Object.entries(this.options.headers ?? {})) {
      for (const value of values) headers.append(name, value);
    }
    const auth = this.options.auth ?? { kind: 'none' };
    if (auth.kind === 'bearer' && auth.token !== '') {
      headers.set('Authorization', `Bearer ${auth.token}`);
    } else if (auth.kind === 'basic' && auth.username !== '' && auth.password !== '') {
      const encoded = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
      headers.set('Authorization', `Basic ${encoded}`);
    }
    return headers;
  }

  private async get(url: string): Promise<string> {
    let response: Awaited<ReturnType<typeof fetch>>;
    let body: string;
    try {
      response = await fetch(url, {
        headers: this.headers(),
        timeout: this.options.timeoutMs ?? 5000,
        ...(this.agent ? { agent: this.agent } : {}),
      });
      body = await response.text();
    } catch (error) {
      throw new MetricsProviderError('request-failed', `request failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (response.status >= 400) {
      throw new MetricsProviderError(
        'error-response',
        `error response: Status ${response.status} ${response.statusText}: ${body.trim().slice(0, 500)}`,
      );
    }
    return body;
  }
}
