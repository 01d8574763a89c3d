import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../model/field-error.js';
import type { JsonObject } from '../model/object.js';
import { validateCrdSchema } from './crd-schema-validation.js';
import { compileStructuralSchema } from './structural-schema.js';

/** A two-version CRD whose versions default differently, as a conversion-free multi-version CRD would. */
const versions: Record<string, JsonObject> = {
  v1alpha1: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        default: {},
        properties: {
          replicas: { type: 'integer', default: 1, minimum: 0 },
          mode: { type: 'string', default: 'fast' },
        },
      },
    },
  },
  v1: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        default: { replicas: 2 },
        properties: {
          replicas: { type: 'integer', default: 3, minimum: 0 },
          mode: { type: 'string', enum: ['fast', 'safe'], default: 'safe' },
          owner: { type: 'string', nullable: true, default: 'nobody' },
          note: { type: 'string', nullable: true },
          limits: {
            type: 'object',
            additionalProperties: { type: 'object', properties: { max: { type: 'integer', default: 10 } } },
          },
          steps: {
            type: 'array',
            items: {
              type: 'object',
              default: { weight: 5 },
              properties: { weight: { type: 'integer', default: 1 } },
            },
          },
        },
      },
    },
  },
};

function defaulted(version: string, object: JsonObject): JsonObject {
  compileStructuralSchema(versions[version]!).applyDefaults(object);
  return object;
}

describe('applyDefaults', () => {
  it('accepts both versions as structural', () => {
    for (const schema of Object.values(versions)) expect(validateCrdSchema(schema)).toEqual([]);
  });

  it('defaults per version, including a defaulted parent whose own properties get defaults too', () => {
    expect(defaulted('v1alpha1', { metadata: { name: 'a' } })).toEqual({
      metadata: { name: 'a' },
      spec: { replicas: 1, mode: 'fast' },
    });
    expect(defaulted('v1', { metadata: { name: 'a' } })).toEqual({
      metadata: { name: 'a' },
      spec: { replicas: 2, mode: 'safe', owner: 'nobody' },
    });
  });

  it('never overwrites values that are set', () => {
    expect(defaulted('v1', { metadata: {}, spec: { replicas: 0, mode: 'fast', owner: 'me' } }).spec).toEqual({
      replicas: 0,
      mode: 'fast',
      owner: 'me',
    });
  });

  it('replaces non-nullable nulls by defaults, drops them without one, keeps nullable nulls', () => {
    const object = defaulted('v1', {
      metadata: {},
      spec: { replicas: null, owner: null, note: null, limits: null },
    });
    expect(object.spec).toEqual({ replicas: 3, mode: 'safe', owner: null, note: null });
  });

  it('defaults inside map values and array items, and fills null items', () => {
    const object = defaulted('v1', {
      metadata: {},
      spec: { limits: { cpu: {}, mem: { max: 2 } }, steps: [{}, null, { weight: 9 }] },
    });
    expect(object.spec).toMatchObject({
      limits: { cpu: { max: 10 }, mem: { max: 2 } },
      steps: [{ weight: 1 }, { weight: 5 }, { weight: 9 }],
    });
  });

  it('copies default values instead of sharing them', () => {
    const schema = compileStructuralSchema(versions.v1!);
    const a: JsonObject = { metadata: {} };
    const b: JsonObject = { metadata: {} };
    schema.applyDefaults(a);
    schema.applyDefaults(b);
    (a.spec as JsonObject).replicas = 99;
    expect((b.spec as JsonObject).replicas).toBe(2);
  });

  it('validates the defaulted object', () => {
    const schema = compileStructuralSchema(versions.v1!);
    const object: JsonObject = { metadata: {}, spec: { replicas: -1, mode: 'slow' } };
    schema.applyDefaults(object);
    expect(schema.validate(object).map(formatFieldError)).toEqual([
      'spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0',
      'spec.mode: Unsupported value: "slow": supported values: "fast", "safe"',
    ]);
  });
});
