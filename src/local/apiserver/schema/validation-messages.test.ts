import { describe, expect, it } from 'vitest';
import { FieldErrorType, formatFieldError } from '../model/field-error.js';
import type { JsonObject } from '../model/object.js';
import { compileStructuralSchema } from './structural-schema.js';

const spec = (properties: JsonObject, extra: JsonObject = {}): JsonObject => ({
  type: 'object',
  properties: { metadata: { type: 'object' }, spec: { type: 'object', properties, ...extra } },
});

function messages(schema: JsonObject, value: JsonObject): string[] {
  return compileStructuralSchema(schema)
    .validate({ metadata: { name: 'x' }, spec: value })
    .map(formatFieldError);
}

describe('validation messages', () => {
  it('words string length and pattern failures like kube-openapi', () => {
    const schema = spec({ name: { type: 'string', minLength: 3, maxLength: 5, pattern: '^[a-z]+$' } });
    expect(messages(schema, { name: 'A' })).toEqual([
      'spec.name: Invalid value: "A": spec.name in body should be at least 3 chars long',
      `spec.name: Invalid value: "A": spec.name in body should match '^[a-z]+$'`,
    ]);
    expect(messages(schema, { name: 'abcdefg' })).toEqual(['spec.name: Too long: may not be longer than 5']);
  });

  it('words numeric bounds, exclusive bounds and multipleOf', () => {
    const schema = spec({
      weight: { type: 'integer', minimum: 0, maximum: 100, multipleOf: 5 },
      ratio: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true },
    });
    expect(messages(schema, { weight: 101, ratio: 0 })).toEqual([
      'spec.weight: Invalid value: 101: spec.weight in body should be less than or equal to 100',
      'spec.weight: Invalid value: 101: spec.weight in body should be a multiple of 5',
      'spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0',
    ]);
    expect(messages(schema, { weight: -5, ratio: 1 })).toEqual([
      'spec.weight: Invalid value: -5: spec.weight in body should be greater than or equal to 0',
      'spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1',
    ]);
  });

  it('words item counts', () => {
    const schema = spec({ hosts: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string' } } });
    expect(messages(schema, { hosts: [] })).toEqual([
      'spec.hosts: Invalid value: 0: spec.hosts in body should have at least 1 items',
    ]);
    const [tooMany] = compileStructuralSchema(schema).validate({
      metadata: {},
      spec: { hosts: ['a', 'b', 'c'] },
    });
    expect(tooMany).toEqual({
      type: FieldErrorType.TooMany,
      field: 'spec.hosts',
      badValue: 3,
      detail: 'must have at most 2 items',
    });
  });

  it('names the inferred JSON type of the bad value', () => {
    const schema = spec({
      count: { type: 'integer' },
      name: { type: 'string' },
      flags: { type: 'array', items: { type: 'string' } },
    });
    expect(messages(schema, { count: 1.5, name: 7, flags: { a: 1 } })).toEqual([
      'spec.count: Invalid value: "number": spec.count in body must be of type integer: "number"',
      'spec.name: Invalid value: "integer": spec.name in body must be of type string: "integer"',
      'spec.flags: Invalid value: "object": spec.flags in body must be of type array: "object"',
    ]);
    expect(messages(schema, { count: null })).toEqual([
      'spec.count: Invalid value: "null": spec.count in body must be of type integer: "null"',
    ]);
  });

  it('uses the checked format as the expected type for non-string values', () => {
    const schema = spec({
      when: { type: 'string', format: 'date-time' },
      size: { type: 'integer', format: 'int32' },
    });
    expect(messages(schema, { when: 5, size: 2 ** 40 })).toEqual([
      'spec.when: Invalid value: "int64": spec.when in body must be of type date-time: "int64"',
    ]);
  });

  it('ignores formats the real server does not check', () => {
    const schema = spec({ url: { type: 'string', format: 'url' }, s: { type: 'string', format: 'string' } });
    expect(messages(schema, { url: 'not a url', s: 'x' })).toEqual([]);
  });

  it('checks the formats the real server checks', () => {
    const schema = spec({
      id: { type: 'string', format: 'uuid' },
      ip: { type: 'string', format: 'ipv4' },
      day: { type: 'string', format: 'date' },
    });
    expect(
      messages(schema, { id: '123e4567-e89b-12d3-a456-426614174000', ip: '10.0.0.1', day: '2024-02-29' }),
    ).toEqual([]);
    expect(messages(schema, { id: 'nope', ip: '10.0.0', day: '2023-02-29' })).toEqual([
      'spec.id: Invalid value: "nope": spec.id in body must be of type uuid: "nope"',
      'spec.ip: Invalid value: "10.0.0": spec.ip in body must be of type ipv4: "10.0.0"',
      'spec.day: Invalid value: "2023-02-29": spec.day in body must be of type date: "2023-02-29"',
    ]);
  });

  it('accepts null for nullable fields, including enums', () => {
    const schema = spec({ mode: { type: 'string', nullable: true, enum: ['a', 'b'] } });
    expect(messages(schema, { mode: null })).toEqual([]);
    expect(messages(schema, { mode: 'c' })).toEqual([
      'spec.mode: Unsupported value: "c": supported values: "a", "b"',
    ]);
  });

  it('reports anyOf and not failures without a field, as apiextensions does', () => {
    const schema = spec(
      { a: { type: 'string' }, b: { type: 'string' } },
      { anyOf: [{ required: ['a'] }, { required: ['b'] }], not: { required: ['a', 'b'] } },
    );
    expect(messages(schema, {})).toEqual([
      '<nil>: Invalid value: "": "spec" must validate at least one schema (anyOf)',
      'spec.a: Required value',
    ]);
    expect(messages(schema, { a: 'x', b: 'y' })).toEqual([
      '<nil>: Invalid value: "": "spec" must not validate the schema (not)',
    ]);
  });

  it('reports a type error on a whole object at its own path', () => {
    expect(
      compileStructuralSchema(spec({})).validate({ metadata: {}, spec: 'x' }).map(formatFieldError),
    ).toEqual(['spec: Invalid value: "string": spec in body must be of type object: "string"']);
  });

  it('enforces x-kubernetes-list-type set and map uniqueness', () => {
    const schema = spec({
      tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
      ports: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['port'],
        items: { type: 'object', properties: { port: { type: 'integer' }, name: { type: 'string' } } },
      },
    });
    expect(
      messages(schema, {
        tags: ['a', 'b', 'a'],
        ports: [
          { port: 80, name: 'a' },
          { port: 80, name: 'b' },
        ],
      }),
    ).toEqual(['spec.tags[2]: Duplicate value: "a"', 'spec.ports[1]: Duplicate value: {"port":80}']);
  });

  it('tolerates RE2-only pattern syntax', () => {
    const schema = spec({ name: { type: 'string', pattern: '(?i)^abc\\z' } });
    expect(messages(schema, { name: 'ABC' })).toEqual([]);
    expect(messages(schema, { name: 'abd' })).toHaveLength(1);
  });
});
