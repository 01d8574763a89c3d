import { describe, expect, it } from 'vitest';
import { decodeWeight, encodeWeight } from './traffic-split.js';

describe('TrafficSplit weights', () => {
  it('writes quantity strings for v1alpha1 and integers after', () => {
    expect(encodeWeight('v1alpha1', 90)).toBe('90');
    expect(encodeWeight('v1alpha2', 90)).toBe(90);
    expect(encodeWeight('v1alpha3', 0)).toBe(0);
  });

  it('reads integers and quantities, rounding up like Quantity.Value()', () => {
    expect(decodeWeight(10)).toBe(10);
    expect(decodeWeight('90')).toBe(90);
    expect(decodeWeight('500m')).toBe(1);
    expect(decodeWeight('1k')).toBe(1000);
    expect(decodeWeight('lots')).toBe(0);
    expect(decodeWeight(undefined)).toBe(0);
  });
});
