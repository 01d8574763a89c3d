import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../model/field-error.js';
import type { JsonObject } from '../model/object.js';
import { validateCrdSchema } from './crd-schema-validation.js';

function problems(schema: JsonObject): string[] {
  return validateCrdSchema(schema).map(formatFieldError);
}

const root = (spec: JsonObject): JsonObject => ({ type: 'object', properties: { spec } });

describe('validateCrdSchema', () => {
  it('accepts a structural schema with int-or-string and preserve-unknown-fields nodes', () => {
    expect(
      problems(
        root({
          type: 'object',
          properties: {
            port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
            values: { 'x-kubernetes-preserve-unknown-fields': true },
            mode: { type: 'string', oneOf: [{ pattern: '^a' }, { pattern: '^b' }] },
          },
        }),
      ),
    ).toEqual([]);
  });

  it('requires a type on specified fields, array items and the root', () => {
    expect(problems(root({ properties: { a: { type: 'string' } } }))).toEqual([
      'properties[spec].type: Required value: must not be empty for specified object fields',
    ]);
    expect(problems(root({ type: 'array', items: { properties: {} } }))).toEqual([
      'properties[spec].items.type: Required value: must not be empty for specified array items',
    ]);
    expect(problems({ properties: { spec: { type: 'object' } } })).toEqual([
      'type: Required value: must not be empty at the root',
    ]);
    expect(problems({ type: 'string' })).toEqual([
      'type: Invalid value: "string": must be object at the root',
    ]);
  });

  it('requires items on arrays and object embedded resources', () => {
    expect(problems(root({ type: 'array' }))).toEqual([
      'properties[spec].items: Required value: must be specified',
    ]);
    expect(
      problems(
        root({
          type: 'string',
          'x-kubernetes-embedded-resource': true,
          'x-kubernetes-preserve-unknown-fields': true,
        }),
      ),
    ).toEqual([
      'properties[spec].type: Invalid value: "string": must be object if x-kubernetes-embedded-resource is true',
    ]);
  });

  it('forbids shaping keywords inside value validations', () => {
    expect(
      problems(
        root({
          type: 'object',
          properties: { a: { type: 'string' } },
          anyOf: [{ type: 'object', description: 'no', properties: { a: { default: 'x' } } }],
        }),
      ),
    ).toEqual([
      'properties[spec].anyOf[0].description: Forbidden: must be empty to be structural',
      'properties[spec].anyOf[0].properties[a].default: Forbidden: must be undefined to be structural',
      'properties[spec].anyOf[0].type: Forbidden: must be empty to be structural',
    ]);
  });

  it('requires fields named in root value validations to be specified', () => {
    expect(
      problems({
        type: 'object',
        properties: { spec: { type: 'object' } },
        oneOf: [{ required: ['spec'] }, { properties: { status: {} } }],
      }),
    ).toEqual(['properties[status]: Required value: because it is defined in oneOf[1].properties[status]']);
  });

  it('restricts root metadata to name and generateName', () => {
    expect(
      problems({
        type: 'object',
        properties: { metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } } } },
      }),
    ).toEqual([]);
    expect(
      problems({
        type: 'object',
        properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } },
      }),
    ).toEqual([
      'properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
    ]);
    expect(problems({ type: 'object', properties: { kind: { type: 'integer' } } })).toEqual([
      'properties[kind].type: Invalid value: "integer": must be string',
    ]);
  });

  it('applies the keyword rules of apiextensions', () => {
    expect(
      problems(
        root({
          type: 'object',
          properties: {
            a: { type: 'array', uniqueItems: true, items: { type: 'string' } },
            b: { type: 'strin' },
            c: { $ref: '#/x', type: 'object' },
          },
          additionalProperties: { type: 'string' },
        }),
      ),
    ).toEqual([
      'properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive',
      'properties[spec].properties[a].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
      'properties[spec].properties[b].type: Unsupported value: "strin": supported values: "array", "boolean", "integer", "number", "object", "string"',
      'properties[spec].properties[c].$ref: Forbidden: $ref is not supported',
    ]);
  });

  it('checks list types', () => {
    expect(
      problems(root({ type: 'array', items: { type: 'object' }, 'x-kubernetes-list-type': 'map' })),
    ).toEqual([
      'properties[spec].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map',
    ]);
  });
});
