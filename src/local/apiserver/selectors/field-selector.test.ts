import { describe, expect, it } from 'vitest';
import { ApiError } from '../model/api-error.js';
import {
  assertFieldsSupported,
  fieldSelectorToString,
  matchesFields,
  parseFieldSelector,
} from './field-selector.js';

function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(400);
    return (e as ApiError).message;
  }
  return 'no error';
}

describe('parseFieldSelector', () => {
  it('parses =, == and != terms, sorted by their text', () => {
    expect(
      parseFieldSelector('status.phase!=Running,metadata.name==podinfo,spec.nodeName=node-1').requirements,
    ).toEqual([
      { field: 'metadata.name', operator: '==', value: 'podinfo' },
      { field: 'spec.nodeName', operator: '=', value: 'node-1' },
      { field: 'status.phase', operator: '!=', value: 'Running' },
    ]);
    expect(parseFieldSelector('').requirements).toEqual([]);
    expect(parseFieldSelector('metadata.name=a,,').requirements).toHaveLength(1);
  });

  it('unescapes values and prints them escaped again', () => {
    const selector = parseFieldSelector('involvedObject.fieldPath=spec.containers{a\\,b\\=c\\\\}');
    expect(selector.requirements[0]!.value).toBe('spec.containers{a,b=c\\}');
    expect(fieldSelectorToString(selector)).toBe('involvedObject.fieldPath=spec.containers{a\\,b\\=c\\\\}');
    expect(parseFieldSelector('a==b').requirements[0]!.value).toBe('b');
  });

  it('rejects malformed selectors like apimachinery', () => {
    expect(failure(() => parseFieldSelector('metadata.name'))).toBe(
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    );
    expect(failure(() => parseFieldSelector('a=b=c'))).toBe(
      'invalid field selector: unescaped character in value: 61',
    );
    expect(failure(() => parseFieldSelector('a=b\\n'))).toBe(
      'invalid field selector: invalid escape sequence: \\n',
    );
    expect(failure(() => parseFieldSelector('a=b\\'))).toBe(
      'invalid field selector: invalid escape sequence: \\',
    );
  });
});

describe('matchesFields', () => {
  const fields = { 'metadata.name': 'podinfo', 'metadata.namespace': 'test', 'status.phase': 'Running' };

  it('requires every term and treats missing fields as empty', () => {
    expect(matchesFields(parseFieldSelector('metadata.name=podinfo,metadata.namespace=test'), fields)).toBe(
      true,
    );
    expect(matchesFields(parseFieldSelector('metadata.name=podinfo,status.phase!=Running'), fields)).toBe(
      false,
    );
    expect(matchesFields(parseFieldSelector('spec.nodeName='), fields)).toBe(true);
    expect(matchesFields(parseFieldSelector('spec.nodeName!='), fields)).toBe(false);
    expect(matchesFields(parseFieldSelector(''), fields)).toBe(true);
  });
});

describe('assertFieldsSupported', () => {
  it('names the first unsupported label', () => {
    const selector = parseFieldSelector('spec.replicas=1,metadata.name=a,status.foo=b');
    expect(failure(() => assertFieldsSupported(selector, ['metadata.name', 'metadata.namespace']))).toBe(
      'field label not supported: spec.replicas',
    );
    expect(() =>
      assertFieldsSupported(parseFieldSelector('metadata.name=a'), ['metadata.name']),
    ).not.toThrow();
  });
});
