import { type Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { endToEndHeaders } from './header-edits.js';

/** Forwards a request to a host outside the cluster, as a plain HTTP proxy does (no telemetry). */
export function forwardExternal(options: {
  req: IncomingMessage;
  res: ServerResponse;
  host: string;
  port: number;
  path: string;
  agent: Agent;
}): void {
  const { req, res } = options;
  const upstream = request({
    host: options.host,
    port: options.port,
    method: req.method,
    path: options.path,
    headers: endToEndHeaders(req.rawHeaders),
    agent: options.agent,
  });
  upstream.once('response', (response) => {
    res.writeHead(response.statusCode ?? 502, response.statusMessage, endToEndHeaders(response.rawHeaders));
    response.pipe(res);
    response.on('error', () => res.destroy());
  });
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = `bad gateway: ${options.host}:${options.port}: ${error.message}`;
    res.writeHead(502, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  res.once('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/** Opens a CONNECT tunnel from the client's socket to `host:port`. */
export function tunnel(client: Socket, head: Buffer, host: string, port: number): void {
  const upstream = connect({ host, port });
  let open = false;
  upstream.once('connect', () => {
    open = true;
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', (error) => {
    if (open) client.destroy();
    else client.end(statusLine(502, `${host}:${port}: ${error.message}`));
  });
  client.on('error', () => upstream.destroy());
  client.once('close', () => upstream.destroy());
  upstream.once('close', () => client.destroy());
}

/** A complete HTTP/1.1 reply for a CONNECT that cannot be served. */
export function statusLine(status: number, body: string): string {
  const reason = status === 400 ? 'Bad Request' : status === 503 ? 'Service Unavailable' : 'Bad Gateway';
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
