import { parseGoDuration } from '../../platform/go-duration.js';

/** Why an attempt produced no upstream response. */
export const AttemptFailures = ['connect-failure', 'reset', 'timeout'] as const;
export type AttemptFailure = (typeof AttemptFailures)[number];

/** When a request is tried again, Envoy's `x-envoy-retry-on` conditions as Istio configures them. */
export interface RetryPolicy {
  /** Retries after the first try (Istio's `attempts`). */
  attempts: number;
  /** Limit of each try; none by default. */
  perTryTimeoutMs?: number;
  /** Any 5xx and any failure to get a response (`5xx`). */
  any5xx: boolean;
  /** 502, 503, 504 and failures to get a response (`gateway-error`). */
  gatewayError: boolean;
  /** Disconnects, resets and per-try timeouts (`reset`). */
  reset: boolean;
  /** Failures to connect (`connect-failure`, `refused-stream`). */
  connectFailure: boolean;
  /** Status codes retried (`retriable-status-codes` with codes listed in `retryOn`). */
  statusCodes: ReadonlySet<number>;
}

/** Istio's retryOn when a route sets `retries` without one (and its mesh-wide default). */
const istioDefaultRetryOn = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';

function parseRetryOn(attempts: number, retryOn: string, perTryTimeoutMs?: number): RetryPolicy {
  const tokens = retryOn.split(',').map((t) => t.trim());
  const codes = tokens.filter((t) => /^\d{3}$/.test(t)).map(Number);
  const wantsCodes = tokens.includes('retriable-status-codes') || codes.length > 0;
  return {
    attempts,
    ...(perTryTimeoutMs ? { perTryTimeoutMs } : {}),
    any5xx: tokens.includes('5xx'),
    gatewayError: tokens.includes('gateway-error'),
    reset: tokens.includes('reset'),
    connectFailure: tokens.includes('connect-failure') || tokens.includes('refused-stream'),
    // Istio retries 503 when the status codes are asked for without a list.
    statusCodes: new Set(wantsCodes ? (codes.length > 0 ? codes : [503]) : []),
  };
}

/**
 * Istio's default for every route without `retries`: two retries on connect failures and 503s. It also
 * keeps a pod that just went away from failing a request while other pods can answer.
 */
export const istioDefaultRetry: RetryPolicy = parseRetryOn(2, istioDefaultRetryOn);

/** Compiles a route's `retries`; absent means Istio's default, `attempts: 0` means none. */
export function compileRetryPolicy(spec: unknown): RetryPolicy {
  if (typeof spec !== 'object' || spec === null) return istioDefaultRetry;
  const { attempts, perTryTimeout, retryOn } = spec as Record<string, unknown>;
  const count = typeof attempts === 'number' && attempts > 0 ? Math.floor(attempts) : 0;
  const perTry = typeof perTryTimeout === 'string' ? parseGoDuration(perTryTimeout) : undefined;
  return parseRetryOn(
    count,
    typeof retryOn === 'string' && retryOn.trim() !== '' ? retryOn : istioDefaultRetryOn,
    perTry && perTry > 0 ? perTry : undefined,
  );
}

/** Whether an upstream response with this status is retried. */
export function retriesStatus(policy: RetryPolicy, status: number): boolean {
  if (policy.statusCodes.has(status)) return true;
  if (status >= 500 && policy.any5xx) return true;
  return policy.gatewayError && (status === 502 || status === 503 || status === 504);
}

/** Whether an attempt that got no response is retried. */
export function retriesFailure(policy: RetryPolicy, failure: AttemptFailure): boolean {
  if (policy.any5xx || policy.gatewayError) return true;
  switch (failure) {
    case 'connect-failure':
      return policy.connectFailure || policy.reset;
    case 'reset':
    case 'timeout':
      return policy.reset;
    default:
      return assertNever(failure);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected attempt failure ${String(value)}`);
}
