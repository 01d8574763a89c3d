import { PatchStrategy, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientNode, clientNode, failure, patchAs } from '../../support/client-node.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

let api: TestApi;
let k: ClientNode;
const namespace = 'typed';

function deployment(name: string, replicas = 2): V1Deployment {
  const labels = { app: name };
  return {
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' }] },
      },
    },
  };
}

beforeAll(async () => {
  api = await startTestApi();
  k = clientNode(api.kubeconfig);
  await k.core.createNamespace({ body: { metadata: { name: namespace } } });
});
afterAll(() => api?.stop());

describe('client-node typed APIs (CoreV1Api, AppsV1Api)', () => {
  it('creates, reads, lists, replaces and deletes core objects', async () => {
    const ns = await k.core.readNamespace({ name: namespace });
    expect(ns.status?.phase).toBe('Active');

    const cm = await k.core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'settings' }, data: { mode: 'fast' } },
    });
    expect(cm.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    cm.data = { mode: 'slow' };
    const replaced = await k.core.replaceNamespacedConfigMap({ name: 'settings', namespace, body: cm });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(cm.metadata?.resourceVersion));
    expect((await k.core.readNamespacedConfigMap({ name: 'settings', namespace })).data).toEqual({
      mode: 'slow',
    });

    const secret = await k.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'token' }, stringData: { token: 's3cret' } },
    });
    expect(secret.type).toBe('Opaque');
    expect(secret.data).toEqual({ token: Buffer.from('s3cret').toString('base64') });
    expect(secret.stringData).toBeUndefined();

    const svc = await k.core.createNamespacedService({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
      },
    });
    expect(svc.spec?.type).toBe('ClusterIP');
    expect(svc.spec?.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(svc.spec?.ports?.[0]?.protocol).toBe('TCP');

    const names = (await k.core.listNamespacedConfigMap({ namespace })).items.map((c) => c.metadata?.name);
    expect(names).toContain('settings');
    await k.core.deleteNamespacedConfigMap({ name: 'settings', namespace });
    expect((await failure(k.core.readNamespacedConfigMap({ name: 'settings', namespace }))).code).toBe(404);
  });

  it('serves a deployment with its status and scale subresources', async () => {
    const created = await k.apps.createNamespacedDeployment({ namespace, body: deployment('web') });
    expect(created.metadata?.generation).toBe(1);
    expect(created.spec?.strategy?.type).toBe('RollingUpdate');

    // Writing status: only status changes, generation stays.
    const current = await k.apps.readNamespacedDeploymentStatus({ name: 'web', namespace });
    current.status = { replicas: 2, readyReplicas: 2, observedGeneration: 1 };
    current.spec!.replicas = 9;
    const withStatus = await k.apps.replaceNamespacedDeploymentStatus({
      name: 'web',
      namespace,
      body: current,
    });
    expect(withStatus.status?.readyReplicas).toBe(2);
    expect(withStatus.spec?.replicas).toBe(2);
    expect(withStatus.metadata?.generation).toBe(1);

    const patchedStatus = await k.apps.patchNamespacedDeploymentStatus(
      { name: 'web', namespace, body: { status: { availableReplicas: 2 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(patchedStatus.status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });

    // Main writes keep the status.
    const main = await k.apps.readNamespacedDeployment({ name: 'web', namespace });
    main.status = {};
    main.spec!.template.metadata!.annotations = { rev: '2' };
    const updated = await k.apps.replaceNamespacedDeployment({ name: 'web', namespace, body: main });
    expect(updated.status?.availableReplicas).toBe(2);
    expect(updated.metadata?.generation).toBe(2);

    const scale = await k.apps.readNamespacedDeploymentScale({ name: 'web', namespace });
    expect(scale.spec?.replicas).toBe(2);
    expect(scale.status?.selector).toBe('app=web');
    scale.spec = { replicas: 4 };
    await k.apps.replaceNamespacedDeploymentScale({ name: 'web', namespace, body: scale });
    await k.apps.patchNamespacedDeploymentScale(
      { name: 'web', namespace, body: { spec: { replicas: 5 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    const scaled = await k.apps.readNamespacedDeployment({ name: 'web', namespace });
    expect(scaled.spec?.replicas).toBe(5);
    expect(scaled.metadata?.generation).toBe(4);
  });

  it('applies merge, strategic merge and JSON patches', async () => {
    await k.apps.createNamespacedDeployment({ namespace, body: deployment('patched') });
    const sidecar = { name: 'proxy', image: 'envoyproxy/envoy:v1.30.0' };
    // Strategic merge merges containers by name; a merge patch would replace the list.
    await k.apps.patchNamespacedDeployment(
      { name: 'patched', namespace, body: { spec: { template: { spec: { containers: [sidecar] } } } } },
      patchAs(PatchStrategy.StrategicMergePatch),
    );
    let read = await k.apps.readNamespacedDeployment({ name: 'patched', namespace });
    expect(read.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['proxy', 'app']);

    await k.apps.patchNamespacedDeployment(
      { name: 'patched', namespace, body: { spec: { template: { spec: { containers: [sidecar] } } } } },
      patchAs(PatchStrategy.MergePatch),
    );
    read = await k.apps.readNamespacedDeployment({ name: 'patched', namespace });
    expect(read.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['proxy']);

    // client-node's default patch type is a JSON patch.
    await k.apps.patchNamespacedDeployment({
      name: 'patched',
      namespace,
      body: [
        { op: 'replace', path: '/spec/replicas', value: 7 },
        { op: 'add', path: '/metadata/labels/tier', value: 'edge' },
      ],
    });
    read = await k.apps.readNamespacedDeployment({ name: 'patched', namespace });
    expect(read.spec?.replicas).toBe(7);
    expect(read.metadata?.labels).toEqual({ app: 'patched', tier: 'edge' });

    const failedTest = await failure(
      k.apps.patchNamespacedDeployment({
        name: 'patched',
        namespace,
        body: [{ op: 'test', path: '/spec/replicas', value: 1 }],
      }),
    );
    expect(failedTest.code).toBe(422);
  });

  it('answers 409 Conflict to a write with a stale resourceVersion', async () => {
    const first = await k.core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'occ' }, data: { n: '1' } },
    });
    const stale = structuredClone(first);
    first.data = { n: '2' };
    await k.core.replaceNamespacedConfigMap({ name: 'occ', namespace, body: first });
    stale.data = { n: '3' };
    const conflict = await failure(
      k.core.replaceNamespacedConfigMap({ name: 'occ', namespace, body: stale }),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.status).toMatchObject({ kind: 'Status', reason: 'Conflict', code: 409 });
    expect(conflict.status.message).toContain('the object has been modified');

    const stalePatch = await failure(
      k.core.patchNamespacedConfigMap(
        { name: 'occ', namespace, body: { metadata: { resourceVersion: stale.metadata?.resourceVersion } } },
        patchAs(PatchStrategy.MergePatch),
      ),
    );
    expect(stalePatch.code).toBe(409);
    const staleDelete = await failure(
      k.core.deleteNamespacedConfigMap({
        name: 'occ',
        namespace,
        body: { preconditions: { resourceVersion: stale.metadata?.resourceVersion } },
      }),
    );
    expect(staleDelete.code).toBe(409);
    expect(staleDelete.status.message).toContain('Precondition failed');
    expect((await k.core.readNamespacedConfigMap({ name: 'occ', namespace })).data).toEqual({ n: '2' });
  });
});
