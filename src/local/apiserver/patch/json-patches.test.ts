import { describe, expect, it } from 'vitest';
import { ApiError, type StatusBody } from '../model/api-error.js';
import type { JsonObject } from '../model/object.js';
import { applyJsonPatch, applyMergePatch } from './json-patches.js';

function statusOf(run: () => unknown): StatusBody {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.toStatus();
    throw error;
  }
  throw new Error('expected an ApiError');
}

function failure(message: string, reason: StatusBody['reason'], code: number, details?: object): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

const rejected = failure(
  'the server rejected our request due to an error in our request',
  'Invalid',
  422,
  {},
);

function configMap(data: JsonObject, labels: JsonObject = { app: 'podinfo' }): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm', namespace: 'default', labels, resourceVersion: '7' },
    data,
  };
}

describe('applyJsonPatch', () => {
  it('applies the operations kubectl patch --type=json sends', () => {
    const original = Object.freeze(configMap({ a: '1', b: '2' }));
    const operations = [
      { op: 'test', path: '/metadata/resourceVersion', value: '7' },
      { op: 'replace', path: '/data/a', value: 'one' },
      { op: 'remove', path: '/data/b' },
      { op: 'add', path: '/metadata/labels/tier', value: 'web' },
      { op: 'copy', from: '/data/a', path: '/data/c' },
    ];
    expect(applyJsonPatch(original, operations)).toEqual(
      configMap({ a: 'one', c: 'one' }, { app: 'podinfo', tier: 'web' }),
    );
    expect(original).toEqual(configMap({ a: '1', b: '2' }));
  });

  it('does not let the result share objects with the operations', () => {
    const value = { nested: 'x' };
    const result = applyJsonPatch(configMap({}), [{ op: 'add', path: '/spec', value }]);
    value.nested = 'changed';
    expect(result).toEqual({ ...configMap({}), spec: { nested: 'x' } });
  });

  it('answers a failed test operation with the generic 422', () => {
    const operations = [{ op: 'test', path: '/metadata/resourceVersion', value: '6' }];
    expect(statusOf(() => applyJsonPatch(configMap({}), operations))).toEqual(rejected);
  });

  it('answers a path that does not exist, or an unknown op, with the generic 422', () => {
    expect(statusOf(() => applyJsonPatch(configMap({}), [{ op: 'remove', path: '/data/missing' }]))).toEqual(
      rejected,
    );
    expect(statusOf(() => applyJsonPatch(configMap({}), [{ op: 'frobnicate', path: '/data' }]))).toEqual(
      rejected,
    );
    expect(statusOf(() => applyJsonPatch(configMap({}), [{ op: 'add', path: '/a/b/c', value: 1 }]))).toEqual(
      rejected,
    );
  });

  it('answers a body that is not a list of operation objects with 400', () => {
    expect(statusOf(() => applyJsonPatch(configMap({}), { op: 'add' }))).toEqual(
      failure('json: cannot unmarshal object into Go value of type jsonpatch.Patch', 'BadRequest', 400),
    );
    expect(statusOf(() => applyJsonPatch(configMap({}), ['add']))).toEqual(
      failure('json: cannot unmarshal string into Go value of type jsonpatch.Operation', 'BadRequest', 400),
    );
  });

  it('answers more than 10000 operations with 413', () => {
    const operations = Array.from({ length: 10001 }, () => ({
      op: 'test',
      path: '/kind',
      value: 'ConfigMap',
    }));
    expect(statusOf(() => applyJsonPatch(configMap({}), operations))).toEqual(
      failure(
        'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
        'RequestEntityTooLarge',
        413,
      ),
    );
  });

  it('answers a patched document that is no longer an object with 422 Invalid', () => {
    expect(statusOf(() => applyJsonPatch(configMap({}), [{ op: 'replace', path: '', value: 'x' }]))).toEqual(
      failure(
        ' "" is invalid: patch: Invalid value: "\\"x\\"": json: cannot unmarshal string into Go value of type map[string]interface {}',
        'Invalid',
        422,
        {
          name: '',
          group: '',
          kind: '',
          causes: [
            {
              reason: 'FieldValueInvalid',
              message:
                'Invalid value: "\\"x\\"": json: cannot unmarshal string into Go value of type map[string]interface {}',
              field: 'patch',
            },
          ],
        },
      ),
    );
  });
});

describe('applyMergePatch', () => {
  it('applies the merge patch kubectl label and annotate send, null removing keys', () => {
    const original = Object.freeze(configMap({ a: '1', b: '2' }));
    const patch = { metadata: { labels: { app: null, env: 'prod' } }, data: { b: null, c: '3' } };
    expect(applyMergePatch(original, patch)).toEqual(configMap({ a: '1', c: '3' }, { env: 'prod' }));
    expect(original).toEqual(configMap({ a: '1', b: '2' }));
  });

  it('replaces lists wholesale and builds missing maps without nulls', () => {
    const original = { ...configMap({}), spec: { list: [1, 2, 3] } };
    const patch = { spec: { list: [4] }, status: { phase: 'Ready', gone: null } };
    expect(applyMergePatch(original, patch)).toEqual({
      ...configMap({}),
      spec: { list: [4] },
      status: { phase: 'Ready' },
    });
  });

  it('answers a merge patch that is not an object with 400 Invalid JSON Patch', () => {
    const expected = failure('Invalid JSON Patch', 'BadRequest', 400);
    expect(statusOf(() => applyMergePatch(configMap({}), null))).toEqual(expected);
    expect(statusOf(() => applyMergePatch(configMap({}), [{ a: 1 }]))).toEqual(expected);
  });
});
