import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * What the stub answers to a query:
 * - a number: a vector with one sample of that value (`NaN` and `±Infinity` are sent as Prometheus does);
 * - `{ vector: [...] }`: one sample per series (Flagger and Weir take the last);
 * - `'empty'`: a vector with no series (no data);
 * - `'matrix'`: a range-vector result;
 * - `{ status, body }`: an HTTP error;
 * - `'hang'`: never answers (for timeouts; the connection is dropped by `close()`).
 */
export type PromAnswer =
  | number
  | { vector: number[] }
  | 'empty'
  | 'matrix'
  | { status: number; body?: string }
  | 'hang';

/** A query the stub received. */
export interface ReceivedQuery {
  /** The query, whitespace collapsed and trimmed (what rules match against). */
  query: string;
  /** The `query` parameter exactly as received. */
  raw: string;
  /** Request headers (lower-case names). */
  headers: IncomingHttpHeaders;
  /** The request path, e.g. `/api/v1/query`. */
  path: string;
}

type Matcher = string | RegExp | ((query: string) => boolean);
type Rule = { match: (query: string) => boolean; answer: PromAnswer | ((query: string) => PromAnswer) };

const normalize = (q: string) => q.replace(/\s+/g, ' ').trim();

function sampleText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function vector(values: number[]): unknown {
  return {
    status: 'success',
    data: {
      resultType: 'vector',
      result: values.map((v, i) => ({ metric: { series: String(i) }, value: [1767225600, sampleText(v)] })),
    },
  };
}

/**
 * A local HTTP server speaking Prometheus' instant-query API (`GET`/`POST /api/v1/query`): answers chosen
 * per exact query (compared whitespace-collapsed) or per pattern, and records every query received.
 * Unmatched queries get `vector(1)` → 1 (so providers are online) and no data for anything else.
 */
export class PrometheusStub {
  readonly received: ReceivedQuery[] = [];
  private rules: Rule[] = [];
  private fallback: PromAnswer = 'empty';

  private constructor(
    private readonly server: Server,
    /** Base URL to configure as the Prometheus address. */
    readonly url: string,
  ) {}

  /** Starts a stub on a free port of 127.0.0.1; with `tls`, serves HTTPS with that key and certificate. */
  static async start(options: { tls?: { key: string; cert: string } } = {}): Promise<PrometheusStub> {
    let stub: PrometheusStub | undefined;
    const handler = (req: IncomingMessage, res: ServerResponse) => stub?.handle(req, res);
    const server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    stub = new PrometheusStub(server, `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`);
    return stub;
  }

  /** Answers queries equal to `match` (whitespace-collapsed), matching a RegExp, or accepted by a predicate; later rules win. */
  answer(match: Matcher, answer: PromAnswer | ((query: string) => PromAnswer)): this {
    const test =
      typeof match === 'string'
        ? (q: string) => q === normalize(match)
        : match instanceof RegExp
          ? (q: string) => match.test(q)
          : match;
    this.rules.unshift({ match: test, answer });
    return this;
  }

  /** The answer for queries no rule matches (other than `vector(1)`); `'empty'` by default. */
  otherwise(answer: PromAnswer): this {
    this.fallback = answer;
    return this;
  }

  /** The collapsed queries received, in order. */
  queries(): string[] {
    return this.received.map((r) => r.query);
  }

  /** Forgets rules and received queries. */
  reset(): void {
    this.rules = [];
    this.received.length = 0;
    this.fallback = 'empty';
  }

  /** Stops the server, dropping hanging requests. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answerFor(query: string): PromAnswer {
    const rule = this.rules.find((r) => r.match(query));
    if (rule) return typeof rule.answer === 'function' ? rule.answer(query) : rule.answer;
    return query === 'vector(1)' ? 1 : this.fallback;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stub');
    let params = url.searchParams;
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    }
    if (!url.pathname.endsWith('/api/v1/query')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return;
    }
    const raw = params.get('query') ?? '';
    const query = normalize(raw);
    this.received.push({ query, raw, headers: req.headers, path: url.pathname });
    const answer = this.answerFor(query);
    if (answer === 'hang') return;
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (typeof answer === 'number') json(200, vector([answer]));
    else if (answer === 'empty') json(200, vector([]));
    else if (answer === 'matrix') {
      json(200, {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: {},
              values: [
                [1767225600, '1'],
                [1767225615, '2'],
              ],
            },
          ],
        },
      });
    } else if ('vector' in answer) json(200, vector(answer.vector));
    else {
      res
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(answer.body ?? JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'stub error' }));
    }
  }
}
