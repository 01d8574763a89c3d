import { describe, expect, it } from 'vitest';
import { ApiError, type StatusBody } from '../model/api-error.js';
import type { JsonObject, JsonValue } from '../model/object.js';
import { builtinPatchSchema } from './patch-schema.js';
import { strategicMergePatch } from './strategic-merge.js';

const deploymentSchema = builtinPatchSchema('apps', 'Deployment');
const configMapSchema = builtinPatchSchema('', 'ConfigMap');

function deepFreeze<T extends JsonValue>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) if (child !== undefined) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function statusOf(run: () => unknown): StatusBody {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.toStatus();
    throw error;
  }
  throw new Error('expected an ApiError');
}

function badRequestStatus(message: string): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'BadRequest',
    code: 400,
  };
}

const rejectedStatus: StatusBody = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server rejected our request due to an error in our request',
  reason: 'Invalid',
  details: {},
  code: 422,
};

function deployment(spec: JsonObject): JsonObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec };
}

const container = { name: 'app', image: 'app:1' };
const podSpec = (containers: JsonValue[] = [container]): JsonObject => ({
  template: { spec: { containers } },
});

describe('strategicMergePatch map semantics', () => {
  it('deletes keys set to null and ignores nulls for keys that do not exist', () => {
    const original = deployment({ replicas: 2, paused: true });
    const patch = { spec: { paused: null, minReadySeconds: null } };
    expect(strategicMergePatch(original, patch, deploymentSchema)).toEqual(deployment({ replicas: 2 }));
  });

  it('leaves an empty map for $patch: delete on a map, as apimachinery does', () => {
    const original = deployment({ strategy: { type: 'Recreate' }, replicas: 1 });
    const patch = { spec: { strategy: { $patch: 'delete' } } };
    expect(strategicMergePatch(original, patch, deploymentSchema)).toEqual(
      deployment({ strategy: {}, replicas: 1 }),
    );
  });

  it('merges maps and replaces lists of fields the schema does not know', () => {
    const original = deployment({ extra: { a: 1, list: [1, 2] }, replicas: 1 });
    const patch = { spec: { extra: { b: 2, list: [3] } } };
    expect(strategicMergePatch(original, patch, deploymentSchema)).toEqual(
      deployment({ extra: { a: 1, b: 2, list: [3] }, replicas: 1 }),
    );
  });

  it('replaces a value whose JSON type changes and stores new maps without null properties', () => {
    const original = deployment({ replicas: '2' });
    const patch = {
      spec: { replicas: { nested: true }, selector: { matchLabels: { app: 'a', gone: null } } },
    };
    expect(strategicMergePatch(original, patch, deploymentSchema)).toEqual(
      deployment({ replicas: { nested: true }, selector: { matchLabels: { app: 'a' } } }),
    );
  });

  it('handles keys that collide with Object.prototype members', () => {
    const original = JSON.parse('{"metadata":{"name":"cm"},"data":{"a":"1"}}');
    const patch = JSON.parse('{"data":{"constructor":"c","__proto__":"p","a":null}}');
    expect(strategicMergePatch(original, patch, configMapSchema)).toEqual(
      JSON.parse('{"metadata":{"name":"cm"},"data":{"constructor":"c","__proto__":"p"}}'),
    );
    const pollute = JSON.parse('{"spec":{"__proto__":{"polluted":"yes"}}}');
    expect(strategicMergePatch(deployment({}), pollute, deploymentSchema)).toEqual(
      JSON.parse(
        '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"__proto__":{"polluted":"yes"}}}',
      ),
    );
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('never modifies its arguments', () => {
    const original = deepFreeze(deployment(podSpec()));
    const patch = deepFreeze({
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'app:2' },
              { $patch: 'delete', name: 'x' },
            ],
          },
        },
      },
    });
    expect(strategicMergePatch(original, patch, deploymentSchema)).toEqual(
      deployment(podSpec([{ name: 'app', image: 'app:2' }])),
    );
    expect(original).toEqual(deployment(podSpec()));
  });
});

describe('strategicMergePatch malformed patches', () => {
  it('rejects an unknown $patch value on a map', () => {
    const patch = { spec: { strategy: { $patch: 'merge' } } };
    expect(
      statusOf(() => strategicMergePatch(deployment({ strategy: {} }), patch, deploymentSchema)),
    ).toEqual(badRequestStatus('unknown patch type: merge in map: map[$patch:merge]'));
  });

  it('rejects $patch: merge and unknown directives inside a list', () => {
    const merge = { spec: { template: { spec: { containers: [{ $patch: 'merge', name: 'app' }] } } } };
    expect(statusOf(() => strategicMergePatch(deployment(podSpec()), merge, deploymentSchema))).toEqual(
      badRequestStatus('merging lists cannot yet be specified in the patch'),
    );
    const other = { spec: { template: { spec: { containers: [{ $patch: 'remove', name: 'app' }] } } } };
    expect(statusOf(() => strategicMergePatch(deployment(podSpec()), other, deploymentSchema))).toEqual(
      badRequestStatus('unknown patch type: remove in map: map[$patch:remove name:app]'),
    );
  });

  it('rejects list elements without the merge key', () => {
    const patch = { spec: { template: { spec: { containers: [{ image: 'app:2' }] } } } };
    expect(statusOf(() => strategicMergePatch(deployment(podSpec()), patch, deploymentSchema))).toEqual(
      badRequestStatus('map: map[image:app:2] does not contain declared merge key: name'),
    );
  });

  it('rejects a $retainKeys that is not a list, or that omits a patched field (422)', () => {
    const original = deployment({ strategy: { type: 'Recreate' } });
    const notList = { spec: { strategy: { $retainKeys: 'type' } } };
    expect(statusOf(() => strategicMergePatch(original, notList, deploymentSchema))).toEqual(
      badRequestStatus('invalid patch format of retainKeys'),
    );
    const mismatch = { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } };
    expect(statusOf(() => strategicMergePatch(original, mismatch, deploymentSchema))).toEqual(rejectedStatus);
  });

  it('rejects malformed $setElementOrder and $deleteFromPrimitiveList keys', () => {
    const original = configMap();
    expect(
      statusOf(() => strategicMergePatch(original, { metadata: { $setElementOrder: [] } }, configMapSchema)),
    ).toEqual(badRequestStatus('invalid patch format of setElementOrder list'));
    expect(
      statusOf(() =>
        strategicMergePatch(original, { metadata: { $deleteFromPrimitiveList: ['a'] } }, configMapSchema),
      ),
    ).toEqual(badRequestStatus('invalid patch format of primitive list'));
    expect(
      statusOf(() =>
        strategicMergePatch(original, { metadata: { '$setElementOrder/finalizers': 'a' } }, configMapSchema),
      ),
    ).toEqual(badRequestStatus('expected a []interface {}, but received a string'));
  });

  it('rejects a patch list whose order contradicts $setElementOrder', () => {
    const patch = {
      metadata: { '$setElementOrder/finalizers': ['b', 'a'], finalizers: ['a', 'b'] },
    };
    expect(statusOf(() => strategicMergePatch(configMap(), patch, configMapSchema))).toEqual(
      badRequestStatus("The order in patch list:\n[a b]\n doesn't match $setElementOrder list:\n[b a]\n"),
    );
  });

  it('rejects lists of lists with 422', () => {
    const patch = { metadata: { finalizers: [['a']] } };
    const original = { ...configMap(), metadata: { name: 'cm', finalizers: ['b'] } };
    expect(statusOf(() => strategicMergePatch(original, patch, configMapSchema))).toEqual(rejectedStatus);
  });

  it('rejects a patch that is not an object', () => {
    const notObject = ['a'] as unknown as JsonObject;
    expect(statusOf(() => strategicMergePatch(configMap(), notObject, configMapSchema))).toEqual(
      badRequestStatus('invalid JSON document'),
    );
  });
});

function configMap(): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } };
}
