import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../model/object.js';
import { builtinPatchSchema } from './patch-schema.js';
import { strategicMergePatch } from './strategic-merge.js';

const deploymentSchema = builtinPatchSchema('apps', 'Deployment');

interface PodinfoParts {
  annotations?: JsonObject;
  strategy?: JsonObject;
  templateMetadata?: JsonObject;
  image?: string;
  ports?: JsonValue[];
  env?: JsonValue[];
  volumes?: JsonValue[];
}

const defaultEnv: JsonValue[] = [
  { name: 'PODINFO_UI_COLOR', value: '#34577c' },
  { name: 'PODINFO_LEVEL', value: 'info' },
];

/** The live podinfo Deployment, with the parts a test expects to change swapped in. */
function podinfo(parts: PodinfoParts = {}): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'podinfo',
      namespace: 'test',
      uid: '0d3c1b9e-5f0c-4a5e-9d61-3f7a0c2e8b11',
      resourceVersion: '1234',
      generation: 1,
      labels: { app: 'podinfo' },
      annotations: parts.annotations ?? { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'podinfo' } },
      strategy: parts.strategy ?? {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
      },
      template: {
        metadata: parts.templateMetadata ?? { labels: { app: 'podinfo' } },
        spec: {
          containers: [
            {
              name: 'podinfod',
              image: parts.image ?? 'ghcr.io/stefanprodan/podinfo:6.0.0',
              ports: parts.ports ?? [{ name: 'http', containerPort: 9898, protocol: 'TCP' }],
              env: parts.env ?? defaultEnv,
              volumeMounts: [{ name: 'config', mountPath: '/etc/podinfo' }],
            },
          ],
          volumes: parts.volumes ?? [
            { name: 'config', configMap: { name: 'podinfo-config', defaultMode: 420 } },
          ],
        },
      },
    },
  };
}

/** Wraps a container patch the way kubectl nests it under the pod template. */
function containerPatch(container: JsonObject, withOrder = true): JsonObject {
  const spec: JsonObject = { containers: [{ name: 'podinfod', ...container }] };
  if (withOrder) spec['$setElementOrder/containers'] = [{ name: 'podinfod' }];
  return { spec: { template: { spec } } };
}

describe('strategicMergePatch with kubectl payloads on a Deployment', () => {
  it('applies the three-way patch of kubectl apply that bumps the image', () => {
    const lastApplied = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"podinfo"}}\n';
    const patch = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'podinfod' }],
            containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.1' }],
          },
        },
      },
    };
    expect(strategicMergePatch(podinfo(), patch, deploymentSchema)).toEqual(
      podinfo({
        annotations: {
          'deployment.kubernetes.io/revision': '1',
          'kubectl.kubernetes.io/last-applied-configuration': lastApplied,
        },
        image: 'ghcr.io/stefanprodan/podinfo:6.0.1',
      }),
    );
  });

  it('applies kubectl set image, with and without $setElementOrder', () => {
    const expected = podinfo({ image: 'x:2' });
    const bare = { spec: { template: { spec: { containers: [{ image: 'x:2', name: 'podinfod' }] } } } };
    expect(strategicMergePatch(podinfo(), bare, deploymentSchema)).toEqual(expected);
    expect(strategicMergePatch(podinfo(), containerPatch({ image: 'x:2' }), deploymentSchema)).toEqual(
      expected,
    );
  });

  it('applies kubectl rollout restart (a new template annotation map)', () => {
    const restartedAt = { 'kubectl.kubernetes.io/restartedAt': '2024-09-12T10:15:00Z' };
    const patch = { spec: { template: { metadata: { annotations: restartedAt } } } };
    expect(strategicMergePatch(podinfo(), patch, deploymentSchema)).toEqual(
      podinfo({ templateMetadata: { labels: { app: 'podinfo' }, annotations: restartedAt } }),
    );
  });

  it('adds an env var at the position kubectl apply orders it', () => {
    const patch = containerPatch({
      '$setElementOrder/env': [{ name: 'PODINFO_UI_COLOR' }, { name: 'PODINFO_LEVEL' }, { name: 'EXTRA' }],
      env: [{ name: 'EXTRA', value: '1' }],
    });
    expect(strategicMergePatch(podinfo(), patch, deploymentSchema)).toEqual(
      podinfo({ env: [...defaultEnv, { name: 'EXTRA', value: '1' }] }),
    );
  });

  it('puts a new env var first when the patch has no $setElementOrder, as apimachinery does', () => {
    const patch = containerPatch({ env: [{ name: 'EXTRA', value: '1' }] }, false);
    expect(strategicMergePatch(podinfo(), patch, deploymentSchema)).toEqual(
      podinfo({ env: [{ name: 'EXTRA', value: '1' }, ...defaultEnv] }),
    );
  });

  it('removes an env var with a $patch: delete element and changes another in place', () => {
    const patch = containerPatch({
      '$setElementOrder/env': [{ name: 'PODINFO_UI_COLOR' }],
      env: [
        { name: 'PODINFO_UI_COLOR', value: '#ff0000' },
        { $patch: 'delete', name: 'PODINFO_LEVEL' },
      ],
    });
    expect(strategicMergePatch(podinfo(), patch, deploymentSchema)).toEqual(
      podinfo({ env: [{ name: 'PODINFO_UI_COLOR', value: '#ff0000' }] }),
    );
  });

  it('merges container ports by containerPort', () => {
    const patch = containerPatch(
      {
        ports: [
          { containerPort: 9898, name: 'web' },
          { containerPort: 9797, name: 'http-metrics', protocol: 'TCP' },
        ],
      },
      false,
    );
    expect(strategicMergePatch(podinfo(), patch, deploymentSchema)).toEqual(
      podinfo({
        ports: [
          { name: 'web', containerPort: 9898, protocol: 'TCP' },
          { containerPort: 9797, name: 'http-metrics', protocol: 'TCP' },
        ],
      }),
    );
  });

  it('switches a volume from a configMap to a secret with $retainKeys', () => {
    const patch = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/volumes': [{ name: 'config' }],
            volumes: [
              {
                $retainKeys: ['name', 'secret'],
                configMap: null,
                name: 'config',
                secret: { secretName: 'podinfo-secret' },
              },
            ],
          },
        },
      },
    };
    expect(strategicMergePatch(podinfo(), patch, deploymentSchema)).toEqual(
      podinfo({ volumes: [{ name: 'config', secret: { secretName: 'podinfo-secret' } }] }),
    );
  });

  it('switches the rollout strategy to Recreate with $retainKeys', () => {
    const patch = { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } };
    expect(strategicMergePatch(podinfo(), patch, deploymentSchema)).toEqual(
      podinfo({ strategy: { type: 'Recreate' } }),
    );
  });

  it('adds a container before the existing one when patched without ordering (kubectl patch docs)', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'redis' }] } } } };
    const result = strategicMergePatch(podinfo(), patch, deploymentSchema);
    const expected = podinfo();
    const template = (expected.spec as JsonObject).template as JsonObject;
    const spec = template.spec as JsonObject;
    spec.containers = [{ name: 'sidecar', image: 'redis' }, ...(spec.containers as JsonValue[])];
    expect(result).toEqual(expected);
  });
});
