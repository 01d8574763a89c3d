import { describe, expect, it } from 'vitest';
import { ApiError, type StatusBody } from '../model/api-error.js';
import type { JsonObject, JsonValue } from '../model/object.js';
import { crdPatchSchema } from './crd-patch-schema.js';
import { builtinPatchSchema } from './patch-schema.js';
import { serverSideApply } from './server-side-apply.js';

const deploymentSchema = builtinPatchSchema('apps', 'Deployment');

function statusOf(run: () => unknown): StatusBody {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.toStatus();
    throw error;
  }
  throw new Error('expected an ApiError');
}

function deployment(labels: JsonObject, containers: JsonValue[], extraSpec: JsonObject = {}): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'podinfo', namespace: 'test', labels },
    spec: {
      selector: { matchLabels: { app: 'podinfo' } },
      ...extraSpec,
      template: { metadata: { labels: { app: 'podinfo' } }, spec: { containers } },
    },
  };
}

const liveContainer = {
  name: 'podinfod',
  image: 'podinfo:6.0.0',
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  env: [
    { name: 'A', value: '1' },
    { name: 'B', value: '2' },
  ],
};

describe('serverSideApply', () => {
  it('creates the object from the applied configuration when nothing is live', () => {
    const applied = deployment({ app: 'podinfo' }, [
      { name: 'podinfod', image: 'podinfo:6.0.0', args: null },
    ]);
    expect(serverSideApply(undefined, applied, deploymentSchema)).toEqual(
      deployment({ app: 'podinfo' }, [{ name: 'podinfod', image: 'podinfo:6.0.0' }]),
    );
  });

  it('merges maps and keyed lists, keeping live-only fields and items', () => {
    const live = Object.freeze(
      deployment({ app: 'podinfo', team: 'a' }, [liveContainer, { name: 'istio-proxy', image: 'proxy:1' }], {
        replicas: 3,
        tolerations: [{ key: 'a', operator: 'Exists' }],
      }),
    );
    const applied = deployment(
      { app: 'podinfo', tier: 'web' },
      [
        {
          name: 'podinfod',
          image: 'podinfo:6.0.1',
          env: [
            { name: 'B', value: 'two' },
            { name: 'C', value: '3' },
          ],
        },
      ],
      { tolerations: [{ key: 'b', operator: 'Exists' }] },
    );
    expect(serverSideApply(live, applied, deploymentSchema)).toEqual(
      deployment(
        { app: 'podinfo', team: 'a', tier: 'web' },
        [
          {
            ...liveContainer,
            image: 'podinfo:6.0.1',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: 'two' },
              { name: 'C', value: '3' },
            ],
          },
          { name: 'istio-proxy', image: 'proxy:1' },
        ],
        { replicas: 3, tolerations: [{ key: 'b', operator: 'Exists' }] },
      ),
    );
    expect(live.spec).toEqual(
      deployment({}, [liveContainer, { name: 'istio-proxy', image: 'proxy:1' }], {
        replicas: 3,
        tolerations: [{ key: 'a', operator: 'Exists' }],
      }).spec,
    );
  });

  it('follows the applied order for items it lists and keeps live-only items in place', () => {
    const c = (name: string) => ({ name, image: `${name}:1` });
    const live = deployment({}, [c('a'), c('b'), c('c')]);
    const applied = deployment({}, [c('c'), c('x'), c('a')]);
    expect(serverSideApply(live, applied, deploymentSchema)).toEqual(
      deployment({}, [c('c'), c('x'), c('a'), c('b')]),
    );
  });

  it('removes fields the applied configuration sets to null', () => {
    const live = deployment({ app: 'podinfo', old: 'x' }, [], { replicas: 3 });
    const applied = { metadata: { labels: { old: null } }, spec: { replicas: null } };
    expect(serverSideApply(live, applied, deploymentSchema)).toEqual(deployment({ app: 'podinfo' }, []));
  });

  it('rejects keyed list items without the key or with duplicate keys', () => {
    const noKey = deployment({}, [{ image: 'x' }]);
    expect(statusOf(() => serverSideApply(undefined, noKey, deploymentSchema))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'failed to create typed patch object: .spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
      reason: 'BadRequest',
      code: 400,
    });
    const duplicate = deployment({}, [
      { name: 'a', image: 'x' },
      { name: 'a', image: 'y' },
    ]);
    expect(statusOf(() => serverSideApply(undefined, duplicate, deploymentSchema))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'failed to create typed patch object: .spec.template.spec.containers: duplicate entries for key [name="a"]',
      reason: 'BadRequest',
      code: 400,
    });
  });

  it('merges custom resources by x-kubernetes-list-map-keys and replaces atomic lists', () => {
    const schema = crdPatchSchema({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            targets: {
              type: 'array',
              'x-kubernetes-list-type': 'map',
              'x-kubernetes-list-map-keys': ['name'],
              items: {
                type: 'object',
                properties: { name: { type: 'string' }, weight: { type: 'integer' } },
              },
            },
            hosts: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    });
    const canary = (spec: JsonObject): JsonObject => ({
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      metadata: { name: 'podinfo', finalizers: ['weir.dev/cleanup'] },
      spec,
    });
    const live = canary({
      targets: [
        { name: 'primary', weight: 100, note: 'live' },
        { name: 'old', weight: 0 },
      ],
      hosts: ['a.example.com', 'b.example.com'],
    });
    const applied = canary({
      targets: [
        { name: 'primary', weight: 90 },
        { name: 'canary', weight: 10 },
      ],
      hosts: ['c'],
    });
    expect(serverSideApply(live, applied, schema)).toEqual(
      canary({
        targets: [
          { name: 'primary', weight: 90, note: 'live' },
          { name: 'old', weight: 0 },
          { name: 'canary', weight: 10 },
        ],
        hosts: ['c'],
      }),
    );
  });
});
