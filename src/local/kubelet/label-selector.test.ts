import { describe, expect, it } from 'vitest';
import { mapSelectorMatches, selectorMatches } from './label-selector.js';

describe('selectorMatches', () => {
  it('matches labels and expressions', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'api' } }, labels)).toBe(false);
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] },
        labels,
      ),
    ).toBe(true);
    expect(
      selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels),
    ).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels)).toBe(
      true,
    );
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels)).toBe(false);
    expect(
      selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, labels),
    ).toBe(false);
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches(undefined, labels)).toBe(false);
  });

  it('matches plain map selectors (Service selectors, nodeSelectors)', () => {
    expect(mapSelectorMatches({ 'kubernetes.io/os': 'linux' }, { 'kubernetes.io/os': 'linux', x: 'y' })).toBe(
      true,
    );
    expect(mapSelectorMatches({ 'flagger.app/scale-to-zero': 'true' }, { 'kubernetes.io/os': 'linux' })).toBe(
      false,
    );
    expect(mapSelectorMatches({}, {})).toBe(true);
  });
});
