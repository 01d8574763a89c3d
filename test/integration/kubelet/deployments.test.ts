import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../src/kube/api/apps-v1.js';
import type { Pod } from '../../../src/kube/api/core-v1.js';
import { PatchKind } from '../../../src/kube/kube-client.js';
import { eventually } from '../../support/eventually.js';
import { deployment, type KubeletEnv, list, podsOf, rolledOut, startKubeletEnv } from './kubelet-env.js';

const deploymentRef = (namespace: string, name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace,
  name,
});

describe('kubelet: Deployments of simulated images', () => {
  let env: KubeletEnv;
  beforeAll(async () => {
    env = await startKubeletEnv();
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    await env?.stop();
  });

  it('makes a Deployment Available, with its ReplicaSet, pods and status as Kubernetes writes them', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'web', 'nginx:1.25', { replicas: 2 }));
    const d = await rolledOut(env.raw, ns, 'web');

    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    const sets = await list<ReplicaSet>(env.raw, 'apps/v1', 'ReplicaSet', ns);
    expect(sets).toHaveLength(1);
    const rs = sets[0]!;
    const hash = rs.metadata.labels?.['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true }),
    ]);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
    });
    expect(rs.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      fullyLabeledReplicas: 2,
    });

    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    const conditions = d.status?.conditions ?? [];
    expect(conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    expect(conditions[0]?.message).toBe('Deployment has minimum availability.');
    expect(conditions[1]?.message).toBe(`ReplicaSet "web-${hash}" has successfully progressed.`);
    for (const c of conditions) {
      expect(c.lastUpdateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(c.lastTransitionTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }

    const pods = await podsOf(env.raw, ns, 'web');
    expect(pods).toHaveLength(2);
    const ips = new Set<string>();
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
      expect(pod.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(pod.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'ReplicaSet',
          name: rs.metadata.name,
          uid: rs.metadata.uid,
          controller: true,
        }),
      ]);
      expect(pod.spec.nodeName).toBe('weir-local');
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.podIP).toMatch(/^127\.\d+\.\d+\.\d+$/);
      expect(pod.status?.podIPs).toEqual([{ ip: pod.status?.podIP }]);
      expect(pod.status?.hostIP).toBe('127.0.0.1');
      ips.add(pod.status!.podIP!);
      expect(pod.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
        ['Initialized', 'True'],
        ['Ready', 'True'],
        ['ContainersReady', 'True'],
        ['PodScheduled', 'True'],
      ]);
      expect(pod.status?.containerStatuses).toEqual([
        expect.objectContaining({
          name: 'app',
          image: 'nginx:1.25',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: expect.any(String) } },
        }),
      ]);
    }
    expect(ips.size).toBe(2);

    const node = await env.raw.get<{ status?: { conditions?: { type: string; status: string }[] } } & Pod>({
      apiVersion: 'v1',
      kind: 'Node',
      name: 'weir-local',
    });
    expect(node?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('scales to zero and back', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'canary', 'nginx:1.25', { replicas: 2 }));
    await rolledOut(env.raw, ns, 'canary');

    await env.raw.patch(deploymentRef(ns, 'canary'), { spec: { replicas: 0 } }, PatchKind.Merge);
    const zero = await eventually(async () => {
      const d = await env.raw.get<Deployment>(deploymentRef(ns, 'canary'));
      expect(d?.status?.observedGeneration).toBe(2);
      expect(d?.status?.replicas).toBeUndefined();
      expect(await podsOf(env.raw, ns, 'canary')).toEqual([]);
      return d!;
    });
    expect(zero.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });
    const sets = await list<ReplicaSet>(env.raw, 'apps/v1', 'ReplicaSet', ns);
    expect(sets.map((rs) => rs.spec.replicas)).toEqual([0]);

    await env.raw.patch(deploymentRef(ns, 'canary'), { spec: { replicas: 3 } }, PatchKind.Merge);
    const back = await rolledOut(env.raw, ns, 'canary');
    expect(back.status).toMatchObject({ observedGeneration: 3, replicas: 3, availableReplicas: 3 });
    expect(await podsOf(env.raw, ns, 'canary')).toHaveLength(3);
    // Still the same ReplicaSet: scaling is not a rollout.
    expect(
      (await list<ReplicaSet>(env.raw, 'apps/v1', 'ReplicaSet', ns)).map((rs) => rs.metadata.name),
    ).toEqual(sets.map((rs) => rs.metadata.name));
  });
});
