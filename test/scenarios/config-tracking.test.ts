import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/kube/api/apps-v1.js';
import type { KubeObject } from '../../src/kube/kube-object.js';
import { configChecksum } from '../../src/targets/config-tracking/config-checksum.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';
import { stableObject } from '../support/stable-object.js';

const configMapType = { apiVersion: 'v1', kind: 'ConfigMap' } as const;
const secretType = { apiVersion: 'v1', kind: 'Secret' } as const;

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

function configMap(
  name: string,
  data: Record<string, string>,
  annotations?: Record<string, string>,
): ConfigMap {
  return {
    ...configMapType,
    metadata: { name, labels: { app: 'podinfo' }, ...(annotations ? { annotations } : {}) },
    data,
  };
}

/** podinfo reading configs the way Flagger's fixture does: env, envFrom and a volume, plus opted-out and optional ones. */
function withConfigs(deployment: Deployment): void {
  const container = deployment.spec.template.spec.containers[0]!;
  container.env = [
    {
      name: 'PODINFO_UI_COLOR',
      valueFrom: { configMapKeyRef: { name: 'podinfo-config-env', key: 'color' } },
    },
    { name: 'PODINFO_FLAG', valueFrom: { configMapKeyRef: { name: 'podinfo-config-off', key: 'flag' } } },
  ];
  container.envFrom = [
    { secretRef: { name: 'podinfo-secret-env' } },
    { configMapRef: { name: 'podinfo-config-missing', optional: true } },
  ];
  container.volumeMounts = [{ name: 'config', mountPath: '/etc/podinfo' }];
  deployment.spec.template.spec.volumes = [{ name: 'config', configMap: { name: 'podinfo-config-vol' } }];
}

async function applyConfigWorld(world: OperatorHarness): Promise<void> {
  await world.apply(configMap('podinfo-config-env', { color: 'blue' }));
  await world.apply(configMap('podinfo-config-vol', { 'config.yaml': 'level: info\n' }));
  await world.apply(
    configMap('podinfo-config-off', { flag: 'a' }, { 'flagger.app/config-tracking': 'disabled' }),
  );
  await world.apply({
    ...secretType,
    metadata: { name: 'podinfo-secret-env' },
    type: 'Opaque',
    data: { PODINFO_USER: Buffer.from('admin').toString('base64') },
  } as KubeObject);
  await world.applyPodinfo(withConfigs);
  await world.apply(guideCanary({ namespace: world.namespace }));
}

async function configData(world: OperatorHarness, name: string): Promise<Record<string, string> | undefined> {
  return (await world.get<ConfigMap>({ ...configMapType, namespace: world.namespace, name }))?.data;
}

/** `env name → config name` and the volume's config of the primary's pod spec. */
async function primaryRefs(world: OperatorHarness): Promise<unknown> {
  const spec = (await world.deployment('podinfo-primary')).spec.template.spec;
  const container = spec.containers[0]!;
  return {
    env: (container.env ?? []).map(
      (e) => (e.valueFrom?.configMapKeyRef as { name: string } | undefined)?.name,
    ),
    envFrom: container.envFrom,
    volumes: spec.volumes,
  };
}

describe('ConfigMap and Secret tracking', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await applyConfigWorld(world);
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
  });
  afterAll(async () => world.stop());

  it('copies tracked configs for the primary and points its pod spec at the copies', async () => {
    expect(
      stableObject(
        await world.get({ ...configMapType, namespace: 'test', name: 'podinfo-config-env-primary' }),
      ),
    ).toMatchInlineSnapshot(`
      {
        "apiVersion": "v1",
        "data": {
          "color": "blue",
        },
        "kind": "ConfigMap",
        "metadata": {
          "name": "podinfo-config-env-primary",
          "namespace": "test",
          "ownerReferences": [
            {
              "apiVersion": "flagger.app/v1beta1",
              "blockOwnerDeletion": true,
              "controller": true,
              "kind": "Canary",
              "name": "podinfo",
              "uid": "<Canary uid>",
            },
          ],
        },
      }
    `);
    expect(await primaryRefs(world)).toEqual({
      // The opted-out ConfigMap is shared with the target, not copied.
      env: ['podinfo-config-env-primary', 'podinfo-config-off'],
      // The missing optional one is left as it is.
      envFrom: [
        { secretRef: { name: 'podinfo-secret-env-primary' } },
        { configMapRef: { name: 'podinfo-config-missing', optional: true } },
      ],
      volumes: [{ name: 'config', configMap: { name: 'podinfo-config-vol-primary' } }],
    });
    expect(await configData(world, 'podinfo-config-off-primary')).toBeUndefined();
    expect(await configData(world, 'podinfo-config-missing-primary')).toBeUndefined();
    expect((await world.canary()).status?.trackedConfigs).toEqual({
      'configmap/podinfo-config-env': configChecksum({ color: 'blue' }),
      'configmap/podinfo-config-vol': configChecksum({ 'config.yaml': 'level: info\n' }),
      'secret/podinfo-secret-env': configChecksum({ PODINFO_USER: 'YWRtaW4=' }),
    });
  });

  it('a changed ConfigMap is a new revision; promotion updates the -primary copy and rolls the primary', async () => {
    const before = await world.deployment('podinfo-primary');
    await world.apply(configMap('podinfo-config-env', { color: 'green' }));
    expect(await world.tick()).toBe('advanced');
    const progressing = await world.canary();
    expect(progressing.status?.phase).toBe('Progressing');
    expect(progressing.status?.trackedConfigs?.['configmap/podinfo-config-env']).toBe(
      configChecksum({ color: 'green' }),
    );
    expect(world.messages()).toContain('Normal New revision detected! Scaling up podinfo.test');
    // The primary keeps serving the promoted config during the analysis.
    expect(await configData(world, 'podinfo-config-env-primary')).toEqual({ color: 'blue' });
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    expect(await configData(world, 'podinfo-config-env-primary')).toEqual({ color: 'green' });
    const after = await world.deployment('podinfo-primary');
    expect(after.spec.template.metadata?.annotations?.['flagger-id']).not.toBe(
      before.spec.template.metadata?.annotations?.['flagger-id'],
    );
    expect(await primaryRefs(world)).toMatchObject({
      env: ['podinfo-config-env-primary', 'podinfo-config-off'],
    });
  });

  it('a change to an opted-out ConfigMap starts nothing', async () => {
    await world.apply(
      configMap('podinfo-config-off', { flag: 'b' }, { 'flagger.app/config-tracking': 'disabled' }),
    );
    expect(await world.tick()).toBe('idle');
    expect((await world.canary()).status?.phase).toBe('Succeeded');
  });

  it('a missing mandatory config halts the canary with Flagger’s error', async () => {
    const other = await OperatorHarness.sibling(world, { namespace: 'missing-config' });
    try {
      await other.applyPodinfo((d) => {
        d.spec.template.spec.containers[0]!.envFrom = [{ configMapRef: { name: 'podinfo-config-env' } }];
      });
      await other.apply(guideCanary({ namespace: other.namespace }));
      expect(await other.tick()).toBe('halted');
      expect(other.messages()).toContain(
        'Warning configmap podinfo-config-env.missing-config get query error: configmaps "podinfo-config-env" not found',
      );
    } finally {
      await other.stop();
    }
  });

  it('-enable-config-tracking=false tracks nothing', async () => {
    const other = await OperatorHarness.sibling(world, {
      namespace: 'untracked',
      flags: ['-enable-config-tracking=false'],
    });
    try {
      await applyConfigWorld(other);
      await other.tickUntil((c) => c.status?.phase === 'Initialized');
      expect((await other.canary()).status?.trackedConfigs).toBeUndefined();
      expect(await configData(other, 'podinfo-config-env-primary')).toBeUndefined();
      expect(await primaryRefs(other)).toMatchObject({ env: ['podinfo-config-env', 'podinfo-config-off'] });
      await other.apply(configMap('podinfo-config-env', { color: 'green' }));
      expect(await other.tick()).toBe('idle');
    } finally {
      await other.stop();
    }
  });
});
