import type { HttpClient } from '../support/http-client.js';

/** Requests the API server has answered, as its `/metrics` counts them (`apiserver_request_total`). */
export interface RequestCounts {
  /** By client (the product of the user agent: `node-fetch`, `weir-bench`, …). */
  byClient: Map<string, number>;
  /** By `client verb resource[/subresource]`. */
  byRequest: Map<string, number>;
}

const series = /^apiserver_request_total\{(.*)\} (\S+)$/;
const label = /(\w+)="((?:[^"\\]|\\.)*)"/g;

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Reads the API server's request counters now (this read is not counted before it is answered). */
export async function requestCounts(client: HttpClient): Promise<RequestCounts> {
  const reply = await client.send('GET', '/metrics');
  const counts: RequestCounts = { byClient: new Map(), byRequest: new Map() };
  for (const line of reply.body.split('\n')) {
    const match = series.exec(line);
    if (!match) continue;
    const labels = new Map<string, string>();
    for (const [, name, value] of match[1]!.matchAll(label)) labels.set(name!, value!);
    const n = Number(match[2]);
    const who = labels.get('client') ?? 'unknown';
    const resource = labels.get('resource') ?? '';
    const sub = labels.get('subresource') ? `/${labels.get('subresource')}` : '';
    add(counts.byClient, who, n);
    add(counts.byRequest, `${who} ${labels.get('verb') ?? ''} ${resource}${sub}`, n);
  }
  return counts;
}

/** `after − before`, keeping only what grew. */
export function countsBetween(before: RequestCounts, after: RequestCounts): RequestCounts {
  const diff = (a: Map<string, number>, b: Map<string, number>) => {
    const out = new Map<string, number>();
    for (const [key, n] of b) if (n - (a.get(key) ?? 0) > 0) out.set(key, n - (a.get(key) ?? 0));
    return out;
  };
  return {
    byClient: diff(before.byClient, after.byClient),
    byRequest: diff(before.byRequest, after.byRequest),
  };
}

/** The benchmark's own requests (set-up, emulated kubelet, watches, /metrics reads) are counted as this client. */
export const benchClient = 'weir-bench';

/** Requests of every client but the benchmark itself: the operator's. */
export function operatorRequests(counts: RequestCounts): number {
  let n = 0;
  for (const [who, count] of counts.byClient) if (who !== benchClient) n += count;
  return n;
}
