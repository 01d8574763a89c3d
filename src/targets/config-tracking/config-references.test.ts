import { describe, expect, it } from 'vitest';
import type { PodSpec } from '../../kube/api/core-v1.js';
import { configReferences, withPrimaryConfigs } from './config-references.js';

/** A pod spec naming configs in every place Flagger looks (Flagger's fixture names). */
function podSpec(): PodSpec {
  return {
    initContainers: [
      {
        name: 'init',
        envFrom: [{ configMapRef: { name: 'init-config' } }, { secretRef: { name: 'init-secret' } }],
      },
    ],
    containers: [
      {
        name: 'podinfod',
        env: [
          { name: 'PLAIN', value: 'x' },
          { name: 'FROM_FIELD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'CM', valueFrom: { configMapKeyRef: { name: 'podinfo-config-env', key: 'color' } } },
          { name: 'S', valueFrom: { secretKeyRef: { name: 'podinfo-secret-env', key: 'user' } } },
        ],
        envFrom: [
          { configMapRef: { name: 'podinfo-config-all-env' } },
          { secretRef: { name: 'podinfo-secret-all-env', optional: true } },
        ],
      },
    ],
    volumes: [
      { name: 'cm', configMap: { name: 'podinfo-config-vol', optional: true } },
      { name: 's', secret: { secretName: 'podinfo-secret-vol' } },
      { name: 'empty', emptyDir: {} },
      {
        name: 'projected',
        projected: {
          sources: [
            { configMap: { name: 'podinfo-config-projected' } },
            { secret: { name: 'podinfo-secret-projected', optional: true } },
            { downwardAPI: { items: [] } },
          ],
        },
      },
    ],
  };
}

describe('configReferences (Flagger ConfigTracker scan, §2.2)', () => {
  it('finds volumes, projected sources, env and envFrom of containers and init containers, sorted', () => {
    expect(configReferences(podSpec())).toEqual([
      { type: 'configmap', name: 'init-config', mandatory: true },
      { type: 'configmap', name: 'podinfo-config-all-env', mandatory: true },
      { type: 'configmap', name: 'podinfo-config-env', mandatory: true },
      { type: 'configmap', name: 'podinfo-config-projected', mandatory: true },
      { type: 'configmap', name: 'podinfo-config-vol', mandatory: false },
      { type: 'secret', name: 'init-secret', mandatory: true },
      { type: 'secret', name: 'podinfo-secret-all-env', mandatory: false },
      { type: 'secret', name: 'podinfo-secret-env', mandatory: true },
      { type: 'secret', name: 'podinfo-secret-projected', mandatory: false },
      { type: 'secret', name: 'podinfo-secret-vol', mandatory: true },
    ]);
  });

  it('counts a config once, mandatory when any reference to it is', () => {
    const spec: PodSpec = {
      containers: [
        {
          name: 'a',
          envFrom: [{ configMapRef: { name: 'shared', optional: true } }],
          env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'shared', key: 'x', optional: false } } }],
        },
      ],
      volumes: [{ name: 'v', configMap: { name: 'shared', optional: true } }],
    };
    expect(configReferences(spec)).toEqual([{ type: 'configmap', name: 'shared', mandatory: true }]);
  });

  it('finds nothing in a pod spec without configs', () => {
    expect(configReferences({ containers: [{ name: 'app', image: 'podinfo' }] })).toEqual([]);
  });
});

describe('withPrimaryConfigs (Flagger ApplyPrimaryConfigs)', () => {
  it('points tracked references at their -primary copies and leaves the others', () => {
    const spec = podSpec();
    const tracked = {
      'configmap/podinfo-config-env': 'c1',
      'configmap/podinfo-config-projected': 'c2',
      'configmap/init-config': 'c3',
      'secret/podinfo-secret-vol': 's1',
      'secret/init-secret': 's2',
    };
    const primary = withPrimaryConfigs(spec, tracked);
    expect(configReferences(primary).map((r) => `${r.type}/${r.name}`)).toEqual([
      'configmap/init-config-primary',
      'configmap/podinfo-config-all-env',
      'configmap/podinfo-config-env-primary',
      'configmap/podinfo-config-projected-primary',
      'configmap/podinfo-config-vol',
      'secret/init-secret-primary',
      'secret/podinfo-secret-all-env',
      'secret/podinfo-secret-env',
      'secret/podinfo-secret-projected',
      'secret/podinfo-secret-vol-primary',
    ]);
    // Everything else is untouched, and the input is not modified.
    expect(primary.volumes).toEqual([
      { name: 'cm', configMap: { name: 'podinfo-config-vol', optional: true } },
      { name: 's', secret: { secretName: 'podinfo-secret-vol-primary' } },
      { name: 'empty', emptyDir: {} },
      {
        name: 'projected',
        projected: {
          sources: [
            { configMap: { name: 'podinfo-config-projected-primary' } },
            { secret: { name: 'podinfo-secret-projected', optional: true } },
            { downwardAPI: { items: [] } },
          ],
        },
      },
    ]);
    expect(spec).toEqual(podSpec());
  });
});
