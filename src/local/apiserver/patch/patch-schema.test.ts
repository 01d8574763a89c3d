import { describe, expect, it } from 'vitest';
import { crdPatchSchema } from './crd-patch-schema.js';
import {
  builtinPatchSchema,
  type FieldPatchMeta,
  fieldPatchMeta,
  type PatchSchema,
  valueSchema,
} from './patch-schema.js';

/** Follows `path` through nested field schemas and returns the last field's metadata. */
function metaAt(schema: PatchSchema, ...path: string[]): FieldPatchMeta {
  let current = schema;
  let meta: FieldPatchMeta = {};
  for (const field of path) {
    meta = fieldPatchMeta(current, field);
    current = valueSchema(meta);
  }
  return meta;
}

const objectMeta: PatchSchema = {
  fields: { finalizers: { strategy: ['merge'] }, ownerReferences: { strategy: ['merge'], mergeKey: 'uid' } },
};

const container: PatchSchema = {
  fields: {
    ports: { strategy: ['merge'], mergeKey: 'containerPort' },
    env: { strategy: ['merge'], mergeKey: 'name' },
    volumeMounts: { strategy: ['merge'], mergeKey: 'mountPath' },
    volumeDevices: { strategy: ['merge'], mergeKey: 'devicePath' },
  },
};

const podSpec: PatchSchema = {
  fields: {
    volumes: { strategy: ['merge', 'retainKeys'], mergeKey: 'name' },
    initContainers: { strategy: ['merge'], mergeKey: 'name', schema: container },
    containers: { strategy: ['merge'], mergeKey: 'name', schema: container },
    ephemeralContainers: { strategy: ['merge'], mergeKey: 'name', schema: container },
    imagePullSecrets: { strategy: ['merge'], mergeKey: 'name' },
    hostAliases: { strategy: ['merge'], mergeKey: 'ip' },
    topologySpreadConstraints: { strategy: ['merge'], mergeKey: 'topologyKey' },
    schedulingGates: { strategy: ['merge'], mergeKey: 'name' },
    resourceClaims: { strategy: ['merge', 'retainKeys'], mergeKey: 'name' },
  },
};

describe('builtinPatchSchema', () => {
  it('describes the Deployment pod template with the full PodSpec tags', () => {
    const deployment = builtinPatchSchema('apps', 'Deployment');
    expect(metaAt(deployment, 'metadata')).toEqual({ schema: objectMeta });
    expect(metaAt(deployment, 'spec', 'template', 'metadata')).toEqual({ schema: objectMeta });
    expect(metaAt(deployment, 'spec', 'template', 'spec')).toEqual({ schema: podSpec });
    expect(metaAt(deployment, 'spec', 'strategy')).toEqual({ strategy: ['retainKeys'] });
    expect(metaAt(deployment, 'status', 'conditions')).toEqual({ strategy: ['merge'], mergeKey: 'type' });
    expect(metaAt(deployment, 'spec', 'template', 'spec', 'tolerations')).toEqual({});
  });

  it('gives DaemonSet updateStrategy no retainKeys, as k8s.io/api tags it', () => {
    const daemonSet = builtinPatchSchema('apps', 'DaemonSet');
    expect(metaAt(daemonSet, 'spec', 'updateStrategy')).toEqual({});
    expect(metaAt(daemonSet, 'spec', 'template', 'spec')).toEqual({ schema: podSpec });
  });

  it('describes Pod status, Service, ServiceAccount and HorizontalPodAutoscaler lists', () => {
    const pod = builtinPatchSchema('', 'Pod');
    expect(metaAt(pod, 'status', 'podIPs')).toEqual({ strategy: ['merge'], mergeKey: 'ip' });
    expect(metaAt(pod, 'status', 'resourceClaimStatuses')).toEqual({
      strategy: ['merge', 'retainKeys'],
      mergeKey: 'name',
    });
    expect(metaAt(pod, 'status', 'containerStatuses', 'volumeMounts')).toEqual({
      strategy: ['merge'],
      mergeKey: 'mountPath',
    });
    expect(metaAt(builtinPatchSchema('', 'Service'), 'spec', 'ports')).toEqual({
      strategy: ['merge'],
      mergeKey: 'port',
    });
    expect(metaAt(builtinPatchSchema('', 'ServiceAccount'), 'secrets')).toEqual({
      strategy: ['merge'],
      mergeKey: 'name',
    });
    expect(metaAt(builtinPatchSchema('', 'ServiceAccount'), 'imagePullSecrets')).toEqual({});
    expect(
      metaAt(builtinPatchSchema('autoscaling', 'HorizontalPodAutoscaler'), 'status', 'conditions'),
    ).toEqual({
      strategy: ['merge'],
      mergeKey: 'type',
    });
  });

  it('gives untagged and unknown kinds only the ObjectMeta tags', () => {
    const onlyMeta: PatchSchema = { fields: { metadata: { schema: objectMeta } } };
    expect(builtinPatchSchema('rbac.authorization.k8s.io', 'ClusterRole')).toEqual(onlyMeta);
    expect(builtinPatchSchema('networking.k8s.io', 'Ingress')).toEqual(onlyMeta);
    expect(builtinPatchSchema('example.com', 'Widget')).toEqual(onlyMeta);
  });

  it('never resolves a field name to an Object.prototype member', () => {
    expect(fieldPatchMeta(builtinPatchSchema('', 'Pod'), 'constructor')).toEqual({});
  });
});

describe('crdPatchSchema', () => {
  it('derives list handling from x-kubernetes-list-type and keeps ObjectMeta on metadata', () => {
    const schema = crdPatchSchema({
      type: 'object',
      properties: {
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          properties: {
            ports: {
              type: 'array',
              'x-kubernetes-list-type': 'map',
              'x-kubernetes-list-map-keys': ['port', 'protocol'],
              items: {
                type: 'object',
                properties: {
                  port: { type: 'integer' },
                  tags: { type: 'array', 'x-kubernetes-list-type': 'set' },
                },
              },
            },
            hosts: { type: 'array', 'x-kubernetes-list-type': 'atomic', items: { type: 'string' } },
            selector: { type: 'object', 'x-kubernetes-map-type': 'atomic' },
            labels: {
              type: 'object',
              additionalProperties: {
                type: 'array',
                'x-kubernetes-list-type': 'set',
                items: { type: 'string' },
              },
            },
            name: { type: 'string' },
          },
        },
      },
    });
    expect(schema).toEqual({
      fields: {
        metadata: { schema: objectMeta },
        spec: {
          schema: {
            fields: {
              ports: {
                strategy: ['merge'],
                mergeKey: 'port',
                schema: { fields: { tags: { strategy: ['merge'] } } },
              },
              selector: { strategy: ['replace'] },
              labels: { schema: { additional: { strategy: ['merge'] } } },
            },
          },
        },
      },
    });
  });

  it('adds ObjectMeta to a schema without properties', () => {
    expect(crdPatchSchema({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true })).toEqual({
      fields: { metadata: { schema: objectMeta } },
    });
  });
});
