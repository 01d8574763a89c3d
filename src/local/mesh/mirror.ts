import { request } from 'node:http';
import { attemptFailureReply, classifyError, errorReason, planFailureReply } from './envoy-replies.js';
import { type Exchange, type ForwarderDeps, pick, sendBody } from './exchange.js';
import type { ResponseFlag } from './mesh-telemetry.js';
import type { Target } from './route-plan.js';
import type { DestinationIdentity } from './service-directory.js';

/** Counts one request at a destination (the forwarder's telemetry with the request's caller). */
export type Recorder = (
  destination: DestinationIdentity,
  status: number,
  flag: ResponseFlag,
  start: number,
) => void;

function withHost(headers: readonly string[], host: string): string[] {
  const out = [...headers];
  for (let i = 0; i + 1 < out.length; i += 2) if (out[i]!.toLowerCase() === 'host') out[i + 1] = host;
  return out;
}

/** Envoy marks mirrored requests by suffixing the host with `-shadow` (before the port). */
export function shadowAuthority(authority: string): string {
  const colon = authority.lastIndexOf(':');
  return colon > 0 && !authority.endsWith(']')
    ? `${authority.slice(0, colon)}-shadow${authority.slice(colon)}`
    : `${authority}-shadow`;
}

/**
 * Sends a copy of the request to a pod of the mirror target and forgets it: the answer is discarded,
 * only counted in the telemetry (as the mirror's destination reports it). No retries.
 */
export function sendMirror(options: {
  deps: ForwarderDeps;
  exchange: Exchange;
  /** The upstream request headers of the original. */
  headers: readonly string[];
  target: Target;
  record: Recorder;
}): void {
  const { deps, exchange, target, record } = options;
  if (target.failure || !target.backend) {
    const reply = planFailureReply(target.failure ?? 'no-healthy-upstream', target.detail);
    record(target.unrouted, reply.status, reply.flag, deps.now());
    return;
  }
  const upstream = pick(deps, target);
  const start = deps.now();
  const copy = request({
    host: upstream.ip,
    port: upstream.port,
    method: exchange.req.method,
    path: exchange.plan.path,
    headers: withHost(options.headers, shadowAuthority(exchange.plan.authority)),
    agent: deps.agent,
  });
  copy.setTimeout(exchange.plan.timeoutMs ?? 60_000, () => copy.destroy());
  let answered = false;
  copy.once('response', (response) => {
    answered = true;
    response.once('end', () => record(upstream.destination, response.statusCode ?? 502, '-', start));
    response.on('error', () => {});
    response.resume();
  });
  copy.on('error', (error) => {
    if (answered) return;
    const reply = attemptFailureReply(classifyError(error), errorReason(error), false);
    record(upstream.destination, reply.status, reply.flag, start);
  });
  sendBody(exchange, copy);
}
