import { describe, expect, it } from 'vitest';
import { ApiError } from '../model/api-error.js';
import { formatFieldError } from '../model/field-error.js';
import {
  isEverything,
  labelSelectorFromSpec,
  labelSelectorToString,
  matchesLabels,
  nothing,
  selectorFromSet,
} from './label-selector.js';
import { validateLabelSelectorSpec, validateLabels } from './label-selector-validation.js';

const labels = { app: 'podinfo', 'app.kubernetes.io/version': '6.0.0', tier: 'web' };

describe('labelSelectorFromSpec', () => {
  it('turns matchLabels and matchExpressions into requirements', () => {
    const selector = labelSelectorFromSpec({
      matchLabels: { tier: 'web', app: 'podinfo' },
      matchExpressions: [
        { key: 'track', operator: 'NotIn', values: ['canary', 'beta'] },
        { key: 'app.kubernetes.io/version', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'tier', operator: 'In', values: ['web', 'api'] },
      ],
    });
    expect(labelSelectorToString(selector)).toBe(
      'app=podinfo,app.kubernetes.io/version,!legacy,tier=web,tier in (api,web),track notin (beta,canary)',
    );
    expect(matchesLabels(selector, labels)).toBe(true);
    expect(matchesLabels(selector, { ...labels, track: 'canary' })).toBe(false);
    expect(matchesLabels(selector, { ...labels, legacy: '' })).toBe(false);
  });

  it('matches everything when empty and nothing when absent', () => {
    expect(isEverything(labelSelectorFromSpec({}))).toBe(true);
    expect(matchesLabels(labelSelectorFromSpec({ matchLabels: {}, matchExpressions: [] }), undefined)).toBe(
      true,
    );
    expect(labelSelectorFromSpec(undefined)).toBe(nothing);
    expect(matchesLabels(labelSelectorFromSpec(null), labels)).toBe(false);
  });

  it('rejects invalid operators, keys and values with apimachinery messages', () => {
    const error = (spec: Record<string, unknown>) => {
      try {
        labelSelectorFromSpec(spec);
      } catch (e) {
        expect(e).toBeInstanceOf(ApiError);
        return (e as ApiError).message;
      }
      return 'no error';
    };
    expect(error({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] })).toBe(
      '"Equals" is not a valid label selector operator',
    );
    expect(error({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toBe(
      "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(error({ matchLabels: { 'a/b/c': 'x' } })).toMatch(
      /^key: Invalid value: "a\/b\/c": a qualified name must consist of/,
    );
  });
});

describe('selectorFromSet', () => {
  it('selects exactly the given labels', () => {
    const selector = selectorFromSet({ tier: 'web', app: 'podinfo' });
    expect(labelSelectorToString(selector)).toBe('app=podinfo,tier=web');
    expect(matchesLabels(selector, labels)).toBe(true);
    expect(matchesLabels(selector, { app: 'podinfo' })).toBe(false);
  });
});

describe('validateLabelSelectorSpec', () => {
  it('reports each problem on its field like metav1 validation', () => {
    const errors = validateLabelSelectorSpec(
      {
        matchLabels: { app: 'pod info' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: [] },
          { key: 'x', operator: 'Exists', values: ['a'] },
          { key: '_bad', operator: 'Has' },
        ],
      },
      'spec.selector',
    ).map(formatFieldError);
    expect(errors).toEqual([
      `spec.selector.matchLabels: Invalid value: "pod info": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Has": not a valid selector operator',
      `spec.selector.matchExpressions[2].key: Invalid value: "_bad": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });

  it('accepts valid labels', () => {
    expect(validateLabels({ 'app.kubernetes.io/name': 'podinfo', empty: '' }, 'metadata.labels')).toEqual([]);
    expect(validateLabels({ [`${'a'.repeat(64)}`]: 'x' }, 'metadata.labels').map(formatFieldError)).toEqual([
      `metadata.labels: Invalid value: "${'a'.repeat(64)}": name part must be no more than 63 characters`,
    ]);
  });
});
