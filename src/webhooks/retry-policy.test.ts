import { describe, expect, it } from 'vitest';
import { HttpPostError } from './http-post.js';
import { parseRetryAfter, retryWaitMs, shouldRetry } from './retry-policy.js';

const answer = (status: number, headers: Record<string, string> = {}) => ({
  answer: { status, statusText: '', headers, body: '' },
});

describe('retry policy (go-retryablehttp defaults)', () => {
  it('retries missing answers, 429 and 5xx except 501', () => {
    expect(shouldRetry({ error: new HttpPostError('ConnectionFailed', 'refused') })).toBe(true);
    expect(shouldRetry({ error: new HttpPostError('Timeout', 'slow') })).toBe(true);
    expect(shouldRetry({ error: new HttpPostError('TlsVerificationFailed', 'self-signed') })).toBe(false);
    expect(shouldRetry({ error: new HttpPostError('InvalidUrl', 'ftp') })).toBe(false);
    expect(
      [200, 202, 204, 302, 400, 403, 404, 429, 500, 501, 502, 503].filter((s) => shouldRetry(answer(s))),
    ).toEqual([429, 500, 502, 503]);
  });

  it('waits 1 s doubling up to 30 s, or what Retry-After says on 429/503 (capped)', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 60].map((i) => retryWaitMs(i, answer(500), 0))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(retryWaitMs(0, answer(503, { 'retry-after': '5' }), 0)).toBe(5000);
    expect(retryWaitMs(0, answer(429, { 'retry-after': '3600' }), 0)).toBe(30000);
    expect(retryWaitMs(2, answer(500, { 'retry-after': '5' }), 0)).toBe(4000);
    expect(retryWaitMs(1, { error: new Error('reset') }, 0)).toBe(2000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:09 GMT', now)).toBe(9000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
