import { describe, expect, it } from 'vitest';
import { Faults, faultsApply } from './faults.js';

/** A source of "random" numbers that replays `values`. */
function replay(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

describe('Faults', () => {
  it('fails a request when the draw is under the rate, with one of 500, 400, 409', () => {
    const faults = new Faults({ randomErrorRate: 1 / 3, random: replay(0.1, 0, 0.2, 0.5, 0.3, 0.9, 0.5) });
    expect([faults.errorStatus(), faults.errorStatus(), faults.errorStatus(), faults.errorStatus()]).toEqual([
      500,
      400,
      409,
      undefined,
    ]);
  });

  it('never fails without a rate, and waits nothing without a delay', () => {
    const faults = new Faults({ random: replay(0) });
    expect(faults.errorStatus()).toBeUndefined();
    expect(faults.delayMs()).toBe(0);
  });

  it('delays uniformly in [min, max) units', () => {
    const seconds = new Faults({ randomDelay: { min: 1, max: 5, unit: 's' }, random: replay(0, 0.999) });
    expect([seconds.delayMs(), seconds.delayMs()]).toEqual([1_000, 4_000]);
    const ms = new Faults({ randomDelay: { min: 10, max: 20, unit: 'ms' }, random: replay(0.5) });
    expect(ms.delayMs()).toBe(15);
  });

  it('spares probes and metrics', () => {
    expect(
      ['/', '/status/500', '/healthz', '/readyz', '/readyz/enable', '/metrics'].map(faultsApply),
    ).toEqual([true, true, false, false, false, false]);
  });
});
