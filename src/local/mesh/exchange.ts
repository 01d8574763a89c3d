import type { Agent, ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { RoundRobin } from './balancing.js';
import type { MeshTelemetry } from './mesh-telemetry.js';
import type { RoutePlan, Target } from './route-plan.js';
import type { Caller, Upstream } from './service-directory.js';

/** A request body: none, read into memory (replayable for retries and mirrors), or streamed once. */
export type RequestBody = { kind: 'none' } | { kind: 'buffer'; data: Buffer } | { kind: 'stream' };

/** What the forwarder needs from the mesh. */
export interface ForwarderDeps {
  agent: Agent;
  telemetry: MeshTelemetry;
  roundRobin: RoundRobin;
  /** Monotonic milliseconds (`performance.now`). */
  now: () => number;
}

/** One client request being proxied to the pods its plan names. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  plan: RoutePlan;
  caller: Caller | undefined;
  /** End-to-end request headers (flat raw list, without Host). */
  headers: readonly string[];
  body: RequestBody;
  started: number;
}

/** The next pod of a target's backend, round-robin. */
export function pick(deps: ForwarderDeps, target: Target): Upstream {
  const upstreams = target.backend!.upstreams;
  return upstreams.length === 1
    ? upstreams[0]!
    : upstreams[deps.roundRobin.next(target.backend!.key, upstreams.length)]!;
}

/** Sends the request body (or its copy) upstream. */
export function sendBody(exchange: Exchange, upstream: ClientRequest): void {
  if (exchange.body.kind === 'none') upstream.end();
  else if (exchange.body.kind === 'buffer') upstream.end(exchange.body.data);
  else exchange.req.pipe(upstream);
}
