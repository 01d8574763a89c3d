import { describe, expect, it } from 'vitest';
import {
  formatLabelSelector,
  formatLabels,
  goFloat,
  goJson,
  joinHostPort,
  jsonPathText,
  labelSelectorString,
} from './go-format.js';

describe('labels', () => {
  it('formats label maps sorted, <none> when empty', () => {
    expect(formatLabels({ tier: 'web', app: 'podinfo' })).toBe('app=podinfo,tier=web');
    expect(formatLabels({})).toBe('<none>');
  });

  it('formats selectors with requirements sorted by key', () => {
    const selector = {
      matchLabels: { tier: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'app', operator: 'Exists' },
      ],
    };
    expect(labelSelectorString(selector)).toBe('app,!canary,env in (dev,prod),tier=web,zone notin (b)');
  });

  it('distinguishes empty, missing and invalid selectors', () => {
    expect(labelSelectorString(undefined)).toBe('');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toBe(
      '<error>',
    );
    expect(
      labelSelectorString({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }),
    ).toBeUndefined();
  });
});

describe('Go value printing', () => {
  it('prints numbers as Go %v does', () => {
    expect(goFloat(10)).toBe('10');
    expect(goFloat(0.5)).toBe('0.5');
    expect(goFloat(123456.5)).toBe('123456.5');
    expect(goFloat(1234567.5)).toBe('1.2345675e+06');
    expect(goFloat(0.00001)).toBe('1e-05');
  });

  it('marshals JSON with sorted keys and HTML escaping', () => {
    expect(goJson({ b: [1, 'x'], a: { d: true, c: null } })).toBe('{"a":{"c":null,"d":true},"b":[1,"x"]}');
    expect(goJson('<a&b>')).toBe('"\\u003ca\\u0026b\\u003e"');
  });

  it('prints jsonpath results: lists and maps as JSON, scalars as text, null as <no value>', () => {
    expect(jsonPathText([5, 10, 15])).toBe('[5,10,15]');
    expect(jsonPathText('Progressing')).toBe('Progressing');
    expect(jsonPathText(10)).toBe('10');
    expect(jsonPathText(false)).toBe('false');
    expect(jsonPathText(null)).toBe('<no value>');
  });

  it('brackets IPv6 hosts', () => {
    expect(joinHostPort('10.0.0.1', 80)).toBe('10.0.0.1:80');
    expect(joinHostPort('fd00::1', 80)).toBe('[fd00::1]:80');
  });
});
