import { type HttpAnswer, HttpPostError, type HttpPostErrorCode } from './http-post.js';

/** What one attempt produced: an answer (any status) or no answer at all. */
export type AttemptOutcome = { answer: HttpAnswer } | { error: unknown };

/** go-retryablehttp's default wait bounds: 1 s doubling up to 30 s. */
export const RetryWait = { minMs: 1000, maxMs: 30_000 } as const;

// Retrying cannot fix these (retryablehttp gives up at once on bad schemes and certificate failures).
const finalErrors: readonly HttpPostErrorCode[] = ['InvalidUrl', 'InvalidProxy', 'TlsVerificationFailed'];

/**
 * go-retryablehttp's default policy: retry when there was no answer (connection refused, reset, timed out)
 * and on 429 and 5xx except 501 Not Implemented.
 */
export function shouldRetry(outcome: AttemptOutcome): boolean {
  if ('error' in outcome) {
    return !(outcome.error instanceof HttpPostError && finalErrors.includes(outcome.error.code));
  }
  const status = outcome.answer.status;
  return status === 429 || status === 0 || (status >= 500 && status !== 501);
}

/**
 * How long to wait before retry number `retryIndex` (0 for the first retry): `Retry-After` when a 429 or
 * 503 carries one, else 1 s · 2^retryIndex; never more than 30 s (retryablehttp would honour any
 * `Retry-After`, which could hold a canary's tick for hours).
 */
export function retryWaitMs(retryIndex: number, outcome: AttemptOutcome, nowMs: number): number {
  if ('answer' in outcome && (outcome.answer.status === 429 || outcome.answer.status === 503)) {
    const header = outcome.answer.headers['retry-after'];
    const requested = parseRetryAfter(Array.isArray(header) ? header[0] : header, nowMs);
    if (requested !== undefined) return Math.min(requested, RetryWait.maxMs);
  }
  const wait = 2 ** retryIndex * RetryWait.minMs;
  return Number.isFinite(wait) && wait <= RetryWait.maxMs ? wait : RetryWait.maxMs;
}

/** A `Retry-After` value (delay seconds or an HTTP date) in milliseconds from `nowMs`; undefined when unusable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
