import { describe, expect, it } from 'vitest';
import type { CanaryMetric } from '../apis/index.js';
import { boundsOf, breach, haltMessage, passMessage } from './thresholds.js';

const canary = { name: 'podinfo', namespace: 'test' };
const metric = (m: Partial<CanaryMetric>): CanaryMetric => ({ name: 'm', ...m });

describe('boundsOf', () => {
  it('takes thresholdRange as is, truncating request-duration bounds to whole ms', () => {
    expect(boundsOf(metric({ thresholdRange: { min: 99 } }), 'success-rate')).toEqual({ min: 99 });
    expect(boundsOf(metric({ thresholdRange: { min: 1, max: 5.5 } }), 'custom')).toEqual({
      min: 1,
      max: 5.5,
    });
    expect(boundsOf(metric({ thresholdRange: { max: 500.9 } }), 'duration')).toEqual({ max: 500 });
    expect(boundsOf(metric({ thresholdRange: {} }), 'custom')).toEqual({});
  });

  it('maps the deprecated threshold: a minimum for the success rate, a maximum otherwise, 0 by default', () => {
    expect(boundsOf(metric({ threshold: 99 }), 'success-rate')).toEqual({ min: 99 });
    expect(boundsOf(metric({ threshold: 500 }), 'duration')).toEqual({ max: 500 });
    expect(boundsOf(metric({ threshold: 5 }), 'custom')).toEqual({ max: 5 });
    // Flagger's quirk (§9.3 #14): no threshold at all means "fail on any positive value".
    expect(boundsOf(metric({}), 'custom')).toEqual({ max: 0 });
    expect(boundsOf(metric({}), 'success-rate')).toEqual({ min: 0 });
  });

  it('thresholdRange wins over threshold', () => {
    expect(boundsOf(metric({ threshold: 1, thresholdRange: { max: 9 } }), 'custom')).toEqual({ max: 9 });
  });
});

describe('breach', () => {
  it('checks the minimum first, bounds are inclusive', () => {
    expect(breach(5, { min: 10, max: 1 })).toBe('min');
    expect(breach(11, { max: 10 })).toBe('max');
    expect(breach(10, { min: 10, max: 10 })).toBeUndefined();
    expect(breach(Number.POSITIVE_INFINITY, { max: 500 })).toBe('max');
  });
});

describe('messages', () => {
  it("are Flagger's halt texts", () => {
    expect(
      haltMessage({
        canary,
        kind: 'success-rate',
        metric: 'request-success-rate',
        value: 69.1666,
        side: 'min',
        bound: 99,
      }),
    ).toBe('Halt podinfo.test advancement success rate 69.17% < 99%');
    expect(
      haltMessage({ canary, kind: 'success-rate', metric: 'x', value: 100, side: 'max', bound: 99.5 }),
    ).toBe('Halt podinfo.test advancement success rate 100.00% > 99.5%');
    expect(
      haltMessage({
        canary,
        kind: 'duration',
        metric: 'request-duration',
        value: 1500,
        side: 'max',
        bound: 500,
      }),
    ).toBe('Halt podinfo.test advancement request duration 1.5s > 500ms');
    expect(
      haltMessage({ canary, kind: 'duration', metric: 'request-duration', value: 3, side: 'min', bound: 10 }),
    ).toBe('Halt podinfo.test advancement request duration 3ms < 10ms');
    expect(
      haltMessage({ canary, kind: 'custom', metric: 'latency', value: 600, side: 'max', bound: 500 }),
    ).toBe('Halt podinfo.test advancement latency 600.00 > 500');
    expect(
      haltMessage({ canary, kind: 'custom', metric: 'errors', value: 0.5, side: 'max', bound: 0.00001 }),
    ).toBe('Halt podinfo.test advancement errors 0.50 > 1e-05');
  });

  it('explain a pass with its bounds', () => {
    expect(passMessage('success-rate', 'request-success-rate', 99.5, { min: 99 })).toBe(
      'success rate 99.50% within bounds (min 99%)',
    );
    expect(passMessage('duration', 'request-duration', 120, { max: 500 })).toBe(
      'request duration 120ms within bounds (max 500ms)',
    );
    expect(passMessage('custom', 'latency', 1, {})).toBe('latency 1.00 within bounds (no threshold)');
  });
});
