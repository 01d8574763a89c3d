import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Random } from './balancing.js';
import type { ForwarderDeps, RequestBody } from './exchange.js';
import { forwardExternal, statusLine, tunnel } from './external-forward.js';
import { ProxiedRequest } from './forwarder.js';
import { endToEndHeaders } from './header-edits.js';
import { isLoopbackHost, parseAuthority } from './host-names.js';
import type { RequestFacts } from './http-match.js';
import type { MeshView } from './mesh-view.js';
import { requestTarget } from './request-target.js';
import { planRoute } from './route-plan.js';

/** What the proxy's handlers need. */
export interface MeshHandlerDeps {
  view: MeshView;
  forwarder: ForwarderDeps;
  /** Connections to hosts outside the cluster. */
  externalAgent: Agent;
  random: Random;
  /** The proxy's own port (a request to it through itself would loop). */
  port: () => number;
}

/** Bodies up to this size are read first, so retries and mirrors can replay them. */
const replayLimit = 64 * 1024;

function bodyOf(req: IncomingMessage): RequestBody['kind'] {
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined) {
    if (length === undefined || length === '0') return 'none';
    if (Number(length) <= replayLimit) return 'buffer';
  }
  return 'stream';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('the client went away before sending its body'));
    });
  });
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Handles one HTTP request to the proxy: routes cluster hosts through the mesh, forwards the rest. */
export function handleRequest(deps: MeshHandlerDeps, req: IncomingMessage, res: ServerResponse): void {
  const started = deps.forwarder.now();
  const target = requestTarget(req.url ?? '/', header(req, 'host'));
  if (!target) {
    reply(res, 400, `cannot tell where to send ${req.url}: use http://host[:port]/path or a Host header\n`);
    return;
  }
  const caller = deps.view.caller(req.socket.remoteAddress, header(req, 'proxy-authorization'));
  const resolution = deps.view.resolve(target.host, caller?.namespace ?? 'default');
  if (resolution.kind === 'external') {
    const self = isLoopbackHost(target.host.host) && target.host.port === deps.port();
    if (target.form === 'origin' || self) {
      req.resume();
      reply(res, 404, `${target.host.host} is not a service of the cluster\n`);
      return;
    }
    forwardExternal({
      req,
      res,
      host: resolution.host,
      port: target.host.port,
      path: target.rawPath,
      agent: deps.externalAgent,
    });
    return;
  }
  const facts: RequestFacts = {
    method: req.method ?? 'GET',
    path: target.path,
    query: target.query,
    headers: req.headers,
    authority: target.authority,
    port: target.host.port,
    caller,
  };
  const plan = planRoute({
    resolution,
    facts,
    rawPath: target.rawPath,
    directory: deps.view.directory(),
    random: deps.random,
  });
  const headers = endToEndHeaders(req.rawHeaders, true);
  const kind = bodyOf(req);
  const exchange = { req, res, plan, caller, headers, started };
  if (kind === 'buffer') {
    readBody(req).then(
      (data) => new ProxiedRequest(deps.forwarder, { ...exchange, body: { kind, data } }).start(),
      () => res.destroy(),
    );
  } else {
    new ProxiedRequest(deps.forwarder, { ...exchange, body: { kind } }).start();
  }
}

/**
 * Handles `CONNECT host:port`: a cluster host is tunnelled to a pod its routing picks (weights apply,
 * HTTP matches see only the CONNECT request; no telemetry, the bytes are opaque), any other host directly.
 */
export function handleConnect(
  deps: MeshHandlerDeps,
  req: IncomingMessage,
  socket: Socket,
  head: Buffer,
): void {
  const authority = parseAuthority(req.url ?? '', 443);
  if (!authority) {
    socket.end(statusLine(400, `CONNECT needs host:port, got ${req.url}`));
    return;
  }
  const caller = deps.view.caller(socket.remoteAddress, header(req, 'proxy-authorization'));
  const resolution = deps.view.resolve(authority, caller?.namespace ?? 'default');
  if (resolution.kind === 'external') {
    tunnel(socket, head, resolution.host, authority.port);
    return;
  }
  const plan = planRoute({
    resolution,
    facts: {
      method: 'CONNECT',
      path: '/',
      query: '',
      headers: req.headers,
      authority: req.url ?? '',
      port: authority.port,
      caller,
    },
    rawPath: '/',
    directory: deps.view.directory(),
    random: deps.random,
  });
  const upstreams = plan.backend?.upstreams ?? [];
  if (plan.failure || upstreams.length === 0) {
    socket.end(statusLine(503, plan.failure === 'no-port' ? (plan.detail ?? '') : 'no healthy upstream'));
    return;
  }
  const upstream = upstreams[deps.forwarder.roundRobin.next(plan.backend!.key, upstreams.length)]!;
  tunnel(socket, head, upstream.ip, upstream.port);
}
