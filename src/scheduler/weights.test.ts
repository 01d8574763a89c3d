import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import { advancedWeights, maxWeight, nextStepWeight } from './weights.js';

function canary(analysis: Record<string, unknown>): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service: { port: 9898 },
      analysis: { interval: '1m', threshold: 5, ...analysis },
    },
  } as Canary;
}

/** Primary weights after each advance, starting from 100/0, until promotion would start. */
function walk(c: Canary): number[] {
  const max = maxWeight(c);
  const primaries = [100];
  let weight = 0;
  while (weight < max) {
    const next = advancedWeights(weight, nextStepWeight(c, weight), max);
    weight = next.canary;
    primaries.push(next.primary);
  }
  return primaries;
}

describe('weights', () => {
  it("follows Flagger's stepWeights sequences (TestScheduler_ServicePromotionWithWeights*)", () => {
    expect(walk(canary({ stepWeights: [1, 2, 10, 80] }))).toEqual([100, 99, 98, 90, 20]);
    expect(walk(canary({ stepWeights: [1, 2, 10, 200] }))).toEqual([100, 99, 98, 90, 0]);
    expect(walk(canary({ stepWeight: 50, maxWeight: 100 }))).toEqual([100, 50, 0]);
  });

  it('never overshoots maxWeight (Flagger: 100, 80, 60, 40)', () => {
    expect(walk(canary({ stepWeight: 20, maxWeight: 50 }))).toEqual([100, 80, 60, 50]);
    expect(walk(canary({ stepWeight: 10, maxWeight: 50 }))).toEqual([100, 90, 80, 70, 60, 50]);
  });

  it('defaults maxWeight to 100 and caps stepWeights at 100', () => {
    expect(maxWeight(canary({ stepWeight: 10 }))).toBe(100);
    expect(maxWeight(canary({ stepWeights: [10, 150] }))).toBe(100);
    expect(nextStepWeight(canary({}), 0)).toBe(0);
  });
});
