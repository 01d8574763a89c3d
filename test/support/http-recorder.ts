import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../src/platform/tools.js';

/** One request as the recorder received it. */
export interface RecordedRequest {
  method: string;
  /** The request target as sent: a path, or an absolute URL when the recorder acts as a forward proxy. */
  url: string;
  /** Path of the request target, without the query. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON. */
  json<T = unknown>(): T;
}

/** How the recorder answers a request: a status, body and headers, or `'hang'` (never answer). */
export type Reply = { status?: number; body?: string; headers?: Record<string, string> } | 'hang';

/** A local HTTP(S) server that records every request and answers as told; a stand-in for Slack, Teams, hooks. */
export interface HttpRecorder {
  /** Base URL (`http://127.0.0.1:<port>`) joined with `path`. */
  url(path?: string): string;
  /** Every request received so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Requests whose path is `path`. */
  received(path: string): RecordedRequest[];
  /** Answers the next requests with `replies`, in order; afterwards the default reply again. */
  reply(...replies: Reply[]): void;
  /** Answers every request through `respond` (overrides queued replies). */
  respondWith(respond: (request: RecordedRequest) => Reply): void;
  /** Forgets recorded requests, queued replies and the responder. */
  reset(): void;
  /** Stops the server, cutting open connections (also hung requests). */
  close(): Promise<void>;
}

/** Starts a recorder on a free port of 127.0.0.1; `tls` serves HTTPS with the given key pair. */
export async function startHttpRecorder(
  options: { defaultReply?: Reply; tls?: { key: string; cert: string } } = {},
): Promise<HttpRecorder> {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [];
  let responder: ((request: RecordedRequest) => Reply) | undefined;
  const defaultReply = options.defaultReply ?? { status: 200, body: 'ok' };
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url,
        path: new URL(url, 'http://recorder').pathname,
        headers: req.headers,
        body,
        json: <T>() => JSON.parse(body) as T,
      };
      requests.push(recorded);
      const reply = responder ? responder(recorded) : (queue.shift() ?? defaultReply);
      if (reply === 'hang') return;
      res.writeHead(reply.status ?? 200, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  const tunnels = new Set<Socket>();
  // As a forward proxy: record CONNECT and tunnel to the requested authority.
  server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    const url = req.url ?? '';
    requests.push({
      method: 'CONNECT',
      url,
      path: url,
      headers: req.headers,
      body: '',
      json: () => null as never,
    });
    const { hostname, port } = new URL(`http://${url}`);
    const upstream = connect(Number(port), hostname.replace(/^\[(.*)\]$/, '$1'), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      tunnels.add(socket);
      socket.once('close', () => tunnels.delete(socket));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: (path = '') => `${base}${path}`,
    requests,
    received: (path) => requests.filter((r) => r.path === path),
    reply: (...replies) => {
      queue.push(...replies);
    },
    respondWith: (respond) => {
      responder = respond;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      responder = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
      }),
  };
}

/** A self-signed certificate for 127.0.0.1 and localhost (test/fixtures/tls, committed: no openssl needed). */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = join(packageRoot(), 'test', 'fixtures', 'tls');
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
}
