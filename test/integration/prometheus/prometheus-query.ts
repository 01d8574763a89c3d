import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';

/** One series of an instant-query result. */
export interface QuerySample {
  metric: Record<string, string>;
  value: number;
}

/** Runs an instant query against Prometheus' HTTP API and answers the vector's samples. */
export async function instantQuery(url: string, query: string): Promise<QuerySample[]> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  if (body.status !== 'success') throw new Error(`query ${query} failed: ${body.error}`);
  if (body.data?.resultType !== 'vector')
    throw new Error(`query ${query} answered a ${body.data?.resultType}`);
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

/** A tiny exporter: a counter `weir_test_ticks_total{source}` on `/metrics`. */
export interface Exporter {
  address: string;
  ticks: Counter<'source'>;
  close(): Promise<void>;
}

/** Starts an exporter on `host` (a loopback address) and a free port. */
export async function startExporter(host: string, source: string): Promise<Exporter> {
  const registry = new Registry();
  const ticks = new Counter({
    name: 'weir_test_ticks_total',
    help: 'Ticks of the test exporter.',
    labelNames: ['source'],
    registers: [registry],
  });
  ticks.inc({ source }, 3);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    address: `${host}:${(server.address() as AddressInfo).port}`,
    ticks,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
