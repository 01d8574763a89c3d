import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../src/kube/api/apps-v1.js';
import type { Pod } from '../../../src/kube/api/core-v1.js';
import { PatchKind } from '../../../src/kube/kube-client.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { eventually } from '../../support/eventually.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { deployment, type KubeletEnv, list, podsOf, rolledOut, startKubeletEnv } from './kubelet-env.js';

const deploymentType = { apiVersion: 'apps/v1', kind: 'Deployment' };
const ref = (namespace: string, name: string) => ({ ...deploymentType, namespace, name });

/** Every version of the objects of a kind the watch delivers, for assertions over the whole rollout. */
function recordVersions<T extends KubeObject>(
  kube: TestKube,
  type: { apiVersion: string; kind: string },
): T[] {
  const seen: T[] = [];
  kube.cache.track<T>(type, { onAdd: (o) => seen.push(o), onUpdate: (_, o) => seen.push(o) });
  return seen;
}

describe('kubelet: rollouts', () => {
  let env: KubeletEnv;
  let observer: TestKube;
  let deployments: Deployment[];
  let podsAdded: { pod: Pod; others: Pod[] }[];

  beforeAll(async () => {
    env = await startKubeletEnv();
    observer = testKube(env.api.kubeconfig);
    deployments = recordVersions<Deployment>(observer, deploymentType);
    podsAdded = [];
    observer.cache.track<Pod>(
      { apiVersion: 'v1', kind: 'Pod' },
      {
        onAdd: (pod) =>
          podsAdded.push({
            pod,
            others: observer.cache.list<Pod>({ apiVersion: 'v1', kind: 'Pod' }, pod.metadata.namespace),
          }),
      },
    );
    await observer.cache.synced();
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    observer?.cache.stop();
    await env?.stop();
  });

  it('rolls an image change through a new ReplicaSet within maxSurge/maxUnavailable, removing the old pods', async () => {
    const ns = await env.namespace();
    await env.raw.create(
      deployment(ns, 'app', 'nginx:1.25', {
        replicas: 4,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      }),
    );
    const before = await rolledOut(env.raw, ns, 'app');
    const oldPods = await podsOf(env.raw, ns, 'app');

    await env.raw.patch(
      ref(ns, 'app'),
      { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } } } },
      PatchKind.Strategic,
    );
    const after = await rolledOut(env.raw, ns, 'app');
    expect(after.metadata.generation).toBe(2);
    expect(after.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');

    const sets = await list<ReplicaSet>(env.raw, 'apps/v1', 'ReplicaSet', ns);
    expect(sets).toHaveLength(2);
    const newSet = sets.find((rs) => rs.spec.template.spec.containers[0]?.image === 'nginx:1.26')!;
    const oldSet = sets.find((rs) => rs !== newSet)!;
    expect(newSet.spec.replicas).toBe(4);
    expect(oldSet.spec.replicas).toBe(0);
    expect(newSet.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(after.status?.conditions?.find((c) => c.type === 'Progressing')?.message).toBe(
      `ReplicaSet "${newSet.metadata.name}" has successfully progressed.`,
    );

    const pods = await podsOf(env.raw, ns, 'app');
    expect(pods).toHaveLength(4);
    for (const pod of pods) {
      expect(pod.metadata.labels?.['pod-template-hash']).toBe(newSet.metadata.labels?.['pod-template-hash']);
      expect(pod.spec.containers[0]?.image).toBe('nginx:1.26');
    }
    expect(pods.map((p) => p.metadata.uid)).not.toContain(oldPods[0]?.metadata.uid);

    // The rollout as the watch saw it: a new set created, progress reported, never beyond the fenceposts.
    const during = deployments.filter(
      (d) => d.metadata.namespace === ns && d.status?.observedGeneration === 2,
    );
    const reasons = new Set(
      during.map((d) => d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason),
    );
    expect(reasons).toContain('NewReplicaSetCreated');
    expect(reasons).toContain('ReplicaSetUpdated');
    expect(during.some((d) => (d.status?.updatedReplicas ?? 0) < 4)).toBe(true);
    for (const d of during) {
      expect(d.status?.replicas ?? 0).toBeLessThanOrEqual(5); // 4 + maxSurge 25% (1)
      expect(d.status?.availableReplicas ?? 0).toBeGreaterThanOrEqual(3); // 4 - maxUnavailable 25% (1)
    }
    // The Progressing condition stayed True since the first rollout: its transition time did not move.
    const firstProgressing = before.status?.conditions?.find((c) => c.type === 'Progressing');
    expect(after.status?.conditions?.find((c) => c.type === 'Progressing')?.lastTransitionTime).toBe(
      firstProgressing?.lastTransitionTime,
    );
  });

  it('Recreate: every old pod is gone before the first new one starts', async () => {
    const ns = await env.namespace();
    await env.raw.create(
      deployment(ns, 'batch', 'busybox:1.36', { replicas: 3, strategy: { type: 'Recreate' } }),
    );
    await rolledOut(env.raw, ns, 'batch');
    await env.raw.patch(
      ref(ns, 'batch'),
      { spec: { template: { spec: { containers: [{ name: 'app', image: 'busybox:1.37' }] } } } },
      PatchKind.Strategic,
    );
    await rolledOut(env.raw, ns, 'batch');
    const added = podsAdded.filter(
      ({ pod }) => pod.metadata.namespace === ns && pod.spec.containers[0]?.image === 'busybox:1.37',
    );
    expect(added).toHaveLength(3);
    for (const { others } of added) {
      expect(others.filter((p) => p.spec.containers[0]?.image === 'busybox:1.36')).toEqual([]);
    }
  });

  it('holds a paused Deployment at its ReplicaSet, and rolls once resumed', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'held', 'nginx:1', { replicas: 2 }));
    await rolledOut(env.raw, ns, 'held');
    await env.raw.patch(ref(ns, 'held'), { spec: { paused: true } }, PatchKind.Merge);
    await env.raw.patch(
      ref(ns, 'held'),
      { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:2' }] } } } },
      PatchKind.Strategic,
    );
    const paused = await eventually(async () => {
      const d = await env.raw.get<Deployment>(ref(ns, 'held'));
      expect(d?.status?.observedGeneration).toBe(3);
      expect(d?.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
        status: 'Unknown',
        reason: 'DeploymentPaused',
        message: 'Deployment is paused',
      });
      return d!;
    });
    expect(paused.status?.updatedReplicas).toBeUndefined();
    expect(await list<ReplicaSet>(env.raw, 'apps/v1', 'ReplicaSet', ns)).toHaveLength(1);

    await env.raw.patch(ref(ns, 'held'), { spec: { paused: false } }, PatchKind.Merge);
    await rolledOut(env.raw, ns, 'held');
    const pods = await podsOf(env.raw, ns, 'held');
    expect(pods.map((p) => p.spec.containers[0]?.image)).toEqual(['nginx:2', 'nginx:2']);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'hist', 'nginx:1', { replicas: 1, revisionHistoryLimit: 1 }));
    await rolledOut(env.raw, ns, 'hist');
    for (const tag of ['2', '3', '4']) {
      await env.raw.patch(
        ref(ns, 'hist'),
        { spec: { template: { spec: { containers: [{ name: 'app', image: `nginx:${tag}` }] } } } },
        PatchKind.Strategic,
      );
      await rolledOut(env.raw, ns, 'hist');
    }
    await eventually(async () => {
      const sets = await list<ReplicaSet>(env.raw, 'apps/v1', 'ReplicaSet', ns);
      const revisions = sets
        .map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'])
        .sort();
      expect(revisions).toEqual(['3', '4']);
    });
  });

  it('rolls back to an earlier template by reusing its ReplicaSet with a new revision', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'back', 'nginx:1', { replicas: 2 }));
    await rolledOut(env.raw, ns, 'back');
    const first = (await list<ReplicaSet>(env.raw, 'apps/v1', 'ReplicaSet', ns))[0]!;
    for (const tag of ['2', '1']) {
      await env.raw.patch(
        ref(ns, 'back'),
        { spec: { template: { spec: { containers: [{ name: 'app', image: `nginx:${tag}` }] } } } },
        PatchKind.Strategic,
      );
      await rolledOut(env.raw, ns, 'back');
    }
    const reused = await env.raw.get<ReplicaSet>({ ...first, namespace: ns, name: first.metadata.name });
    expect(reused?.spec.replicas).toBe(2);
    expect(reused?.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
  });
});
