import autocannon, { type RawRequest } from 'autocannon';
import type { HttpClient } from '../support/http-client.js';
import { percentile } from '../support/stats.js';

/** One request benchmark: what each request is, numbered from 0 across all connections. */
export interface LoadCase {
  name: string;
  method: 'GET' | 'PATCH';
  path: (i: number) => string;
  body?: (i: number) => string;
  contentType?: string;
  /** Whether each request commits a change (its commits are counted through the resourceVersion). */
  writes: boolean;
}

/** How hard and how long to load the server. */
export interface LoadSettings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/** The figures of one request benchmark. */
export interface LoadFigures {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  completed: number;
  /** Changes the server committed during the measured run (writes only). */
  commits: number | undefined;
  /** CPU time the server spent per answered request, in microseconds: steadier than req/s on a busy machine. */
  serverCpuUsPerRequest: number | undefined;
}

function run(
  url: string,
  load: LoadCase,
  connections: number,
  seconds: number,
): ReturnType<typeof autocannon> {
  let next = 0;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (load.contentType) headers['Content-Type'] = load.contentType;
  return autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: load.method,
        headers,
        setupRequest: (request: RawRequest): RawRequest => {
          const i = next++;
          const out: RawRequest = { ...request, method: load.method, path: load.path(i), headers };
          if (load.body) out.body = load.body(i);
          return out;
        },
      },
    ],
  });
}

/** The server under load. */
export interface LoadTarget {
  url: string;
  /** Reads the server's resourceVersion (to count commits). */
  client: HttpClient;
  /** The list whose resourceVersion counts commits. */
  rvPath: string;
  /** The server process's CPU time so far, in seconds. */
  cpuSeconds(): number | undefined;
}

/** Runs one request benchmark with autocannon (keep-alive connections) after a warm-up. */
export async function runLoad(
  target: LoadTarget,
  load: LoadCase,
  settings: LoadSettings,
): Promise<LoadFigures> {
  const { url, client } = target;
  if (settings.warmupSeconds > 0) await run(url, load, settings.connections, settings.warmupSeconds);
  const rvBefore = load.writes ? await client.resourceVersion(target.rvPath) : 0;
  // The result's latency histogram keeps whole milliseconds; these keep the fractions.
  const latencies: number[] = [];
  const cpuBefore = target.cpuSeconds();
  const instance = run(url, load, settings.connections, settings.seconds);
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  const cpuAfter = target.cpuSeconds();
  const rvAfter = load.writes ? await client.resourceVersion(target.rvPath) : 0;
  const completed = result.requests.total;
  return {
    name: load.name,
    requestsPerSecond: completed / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    completed,
    commits: load.writes ? rvAfter - rvBefore : undefined,
    serverCpuUsPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && completed > 0
        ? ((cpuAfter - cpuBefore) * 1e6) / completed
        : undefined,
  };
}
