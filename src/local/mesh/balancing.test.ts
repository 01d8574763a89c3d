import { describe, expect, it } from 'vitest';
import { pickWeighted, RoundRobin, seededRandom } from './balancing.js';

const items = [
  { name: 'primary', weight: 90 },
  { name: 'canary', weight: 10 },
];

describe('pickWeighted', () => {
  it('maps the random point onto the weights', () => {
    expect(pickWeighted(items, 100, () => 0)?.name).toBe('primary');
    expect(pickWeighted(items, 100, () => 0.8999)?.name).toBe('primary');
    expect(pickWeighted(items, 100, () => 0.9)?.name).toBe('canary');
    expect(pickWeighted(items, 100, () => 0.999999)?.name).toBe('canary');
  });

  it('never picks a 0-weight item, and takes the first when all are 0', () => {
    const zero = [
      { name: 'a', weight: 0 },
      { name: 'b', weight: 100 },
    ];
    for (const r of [0, 0.5, 0.9999]) expect(pickWeighted(zero, 100, () => r)?.name).toBe('b');
    expect(pickWeighted([{ weight: 0 }, { weight: 0 }], 0, () => 0.5)).toEqual({ weight: 0 });
    expect(pickWeighted([], 0, () => 0.5)).toBeUndefined();
  });

  it('splits 90/10 within a point over 100,000 seeded draws', () => {
    const random = seededRandom(1);
    let canary = 0;
    for (let i = 0; i < 100_000; i++) if (pickWeighted(items, 100, random)?.name === 'canary') canary++;
    expect(Math.abs(canary / 1000 - 10)).toBeLessThan(1);
  });
});

describe('RoundRobin', () => {
  it('cycles per key', () => {
    const rr = new RoundRobin();
    expect([0, 1, 2, 3].map(() => rr.next('a', 3))).toEqual([0, 1, 2, 0]);
    expect(rr.next('b', 2)).toBe(0);
  });
});
