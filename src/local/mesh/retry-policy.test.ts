import { describe, expect, it } from 'vitest';
import { compileRetryPolicy, istioDefaultRetry, retriesFailure, retriesStatus } from './retry-policy.js';

describe('retry policy', () => {
  it("is Istio's default without retries: 2 retries on connect failures and 503", () => {
    expect(compileRetryPolicy(undefined)).toBe(istioDefaultRetry);
    expect(istioDefaultRetry.attempts).toBe(2);
    expect(retriesStatus(istioDefaultRetry, 503)).toBe(true);
    expect(retriesStatus(istioDefaultRetry, 500)).toBe(false);
    expect(retriesFailure(istioDefaultRetry, 'connect-failure')).toBe(true);
    expect(retriesFailure(istioDefaultRetry, 'reset')).toBe(false);
  });

  it('follows retryOn', () => {
    const fiveXx = compileRetryPolicy({ attempts: 3, retryOn: '5xx' });
    expect([500, 502, 404].map((s) => retriesStatus(fiveXx, s))).toEqual([true, true, false]);
    expect(retriesFailure(fiveXx, 'timeout')).toBe(true);
    const gateway = compileRetryPolicy({ attempts: 1, retryOn: 'gateway-error' });
    expect([500, 502, 503, 504].map((s) => retriesStatus(gateway, s))).toEqual([false, true, true, true]);
    const codes = compileRetryPolicy({ attempts: 1, retryOn: 'reset,429' });
    expect([429, 503].map((s) => retriesStatus(codes, s))).toEqual([true, false]);
    expect(retriesFailure(codes, 'reset')).toBe(true);
    expect(retriesFailure(codes, 'connect-failure')).toBe(true);
    expect(compileRetryPolicy({ attempts: 0 }).attempts).toBe(0);
  });
});
