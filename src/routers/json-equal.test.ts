import { describe, expect, it } from 'vitest';
import { jsonEqual } from './json-equal.js';

describe('jsonEqual', () => {
  it('ignores key order, undefined members and empty arrays or objects', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined, c: [], d: {} }, { a: 1 })).toBe(true);
    expect(jsonEqual({ labels: {} }, {})).toBe(true);
  });

  it('sees every real difference', () => {
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual({ a: '1' }, { a: 1 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: [1] }, { a: [1, 1] })).toBe(false);
    expect(jsonEqual({ a: { b: 0 } }, { a: {} })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
