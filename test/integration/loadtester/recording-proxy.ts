import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A forward HTTP proxy that records the absolute URLs it was asked for and forwards the requests. */
export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`, the value for `HTTP_PROXY`. */
  readonly url: string;
  /** Request targets received, in order (absolute URLs, as clients send them to a proxy). */
  readonly targets: string[];
  /** The User-Agent of each request received, in order. */
  readonly userAgents: string[];
  close(): Promise<void>;
}

/** Starts the proxy on a free port of 127.0.0.1. */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const targets: string[] = [];
  const userAgents: string[] = [];
  const server = http.createServer((req, res) => {
    const target = req.url ?? '';
    targets.push(target);
    userAgents.push(req.headers['user-agent'] ?? '');
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      res.writeHead(400).end('not a proxy request');
      return;
    }
    const upstream = http.request(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host }, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => res.writeHead(502).end(String(error)));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    userAgents,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
