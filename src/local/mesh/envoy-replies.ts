import type { ServerResponse } from 'node:http';
import type { ResponseFlag } from './mesh-telemetry.js';
import type { AttemptFailure } from './retry-policy.js';
import type { PlanFailure } from './route-plan.js';

/** A reply the proxy makes itself, the way Envoy words it. */
export interface LocalReply {
  status: number;
  flag: ResponseFlag;
  body: string;
}

const connectError = 'upstream connect error or disconnect/reset before headers.';

/** Envoy's reply when a request cannot be routed or has nowhere to go. */
export function planFailureReply(failure: PlanFailure, detail?: string): LocalReply {
  switch (failure) {
    case 'no-route':
      return { status: 404, flag: 'NR', body: '' };
    case 'no-healthy-upstream':
      return { status: 503, flag: 'UH', body: 'no healthy upstream' };
    case 'no-port':
      return {
        status: 503,
        flag: 'UF',
        body: `${connectError} reset reason: connection failure, transport failure reason: ${detail ?? 'no such port'}`,
      };
    default:
      return assertNever(failure);
  }
}

/** Envoy's reply when the last attempt got no response. */
export function attemptFailureReply(failure: AttemptFailure, reason: string, retried: boolean): LocalReply {
  const prefix = retried
    ? `${connectError} retried and the latest reset reason:`
    : `${connectError} reset reason:`;
  switch (failure) {
    case 'connect-failure':
      return {
        status: 503,
        flag: 'UF',
        body: `${prefix} connection failure, transport failure reason: ${reason}`,
      };
    case 'reset':
      return { status: 503, flag: 'UC', body: `${prefix} connection termination` };
    case 'timeout':
      return { status: 504, flag: 'UT', body: 'upstream request timeout' };
    default:
      return assertNever(failure);
  }
}

const connectCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ETIMEDOUT']);

/** Whether a request error happened while connecting (nothing reached the upstream) or later. */
export function classifyError(error: unknown): AttemptFailure {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && connectCodes.has(code) ? 'connect-failure' : 'reset';
}

/** Envoy's wording of a socket error: `delayed connect error: 111` for a refused connection. */
export function errorReason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ECONNREFUSED') return 'delayed connect error: 111';
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/** Sends a local reply unless the response has begun (then the connection is cut). */
export function sendLocalReply(res: ServerResponse, reply: LocalReply): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(reply.status, {
    'content-type': 'text/plain',
    'content-length': Buffer.byteLength(reply.body),
    server: 'envoy',
  });
  res.end(reply.body);
}

function assertNever(value: never): never {
  throw new Error(`unexpected failure ${String(value)}`);
}
