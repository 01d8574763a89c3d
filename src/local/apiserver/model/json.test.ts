import { describe, expect, it } from 'vitest';
import { cloneJson, jsonEqual } from './json.js';

describe('cloneJson', () => {
  const sample = () => ({
    apiVersion: 'apps/v1',
    metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a', 'b'] },
    spec: { replicas: 2, paused: false, template: { spec: { containers: [{ name: 'app', args: [] }] } } },
    status: null,
    optional: undefined,
  });

  it('copies deeply, as structuredClone does', () => {
    const original = sample();
    const copy = cloneJson(original);
    expect(copy).toStrictEqual(structuredClone(original));
    expect(Object.keys(copy)).toEqual(Object.keys(original));
    copy.metadata.labels.app = 'changed';
    copy.spec.template.spec.containers[0]?.args.push('x' as never);
    expect(original).toStrictEqual(sample());
  });

  it('keeps a `__proto__` key as data and leaves the prototype alone', () => {
    const parsed = JSON.parse('{"data":{"__proto__":{"polluted":true},"constructor":"x"}}') as {
      data: Record<string, unknown>;
    };
    const copy = cloneJson(parsed);
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
    expect(Object.keys(copy.data)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copies primitives and non-plain objects like structuredClone', () => {
    expect(cloneJson('s')).toBe('s');
    expect(cloneJson(null)).toBeNull();
    expect(cloneJson(undefined)).toBeUndefined();
    const date = new Date(0);
    const copied = cloneJson({ at: date });
    expect(copied.at).toBeInstanceOf(Date);
    expect(copied.at).not.toBe(date);
    expect(copied.at.getTime()).toBe(0);
  });

  it('copies shared subtrees into independent ones', () => {
    const shared = { a: 1 };
    const copy = cloneJson({ x: shared, y: shared });
    copy.x.a = 2;
    expect(copy.y.a).toBe(1);
  });
});

describe('jsonEqual', () => {
  it('ignores key order and undefined values', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, gone: undefined })).toBe(true);
  });

  it('tells different values apart', () => {
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
    expect(jsonEqual([], [undefined])).toBe(false);
  });

  it('does not mistake an inherited property for an own key', () => {
    const withProto = JSON.parse('{"__proto__":{}}') as unknown;
    expect(jsonEqual(withProto, { other: {} })).toBe(false);
    expect(jsonEqual({ constructor: 'x' }, { toString: 'x' })).toBe(false);
    expect(jsonEqual(withProto, JSON.parse('{"__proto__":{}}'))).toBe(true);
  });
});
