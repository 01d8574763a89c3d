import { describe, expect, it } from 'vitest';
import { canonicalJson, computeHash, fnv32a, safeEncodeString } from './compute-hash.js';
import { webhookChecksum } from './webhook-payload.js';

describe('computeHash', () => {
  it('is FNV-1a 32 (known vectors) safe-encoded like apimachinery', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
    // Digits map onto 4-9 and b-f: why Flagger's hashes look like `5cb5d7f4f9`.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(computeHash({})).toMatch(/^[4-9bcdf]{8,10}$/);
  });

  it('does not depend on key order, and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(computeHash({ a: 1, b: 2 })).toBe(computeHash({ b: 2, a: 1 }));
    expect(computeHash({ a: 1 })).not.toBe(computeHash({ a: 2 }));
  });
});

describe('webhookChecksum', () => {
  it('changes with lastAppliedSpec and trackedConfigs, and only with them', () => {
    const base = { lastAppliedSpec: 'abc', trackedConfigs: { 'configmap/a': '1' }, canaryWeight: 10 };
    expect(webhookChecksum(base)).toBe(webhookChecksum({ ...base, canaryWeight: 50, phase: 'Promoting' }));
    expect(webhookChecksum(base)).not.toBe(webhookChecksum({ ...base, lastAppliedSpec: 'abd' }));
    expect(webhookChecksum(base)).not.toBe(
      webhookChecksum({ ...base, trackedConfigs: { 'configmap/a': '2' } }),
    );
    // No tracked configs at all differs from an empty set, as Flagger's nil map does from an empty one.
    expect(webhookChecksum({ lastAppliedSpec: 'abc' })).not.toBe(
      webhookChecksum({ lastAppliedSpec: 'abc', trackedConfigs: {} }),
    );
  });
});
