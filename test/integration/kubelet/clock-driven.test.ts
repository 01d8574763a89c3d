import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import type { Pod } from '../../../src/kube/api/core-v1.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { deploymentRollout } from '../../../src/targets/deployment-readiness.js';
import { eventually } from '../../support/eventually.js';
import { deployment, type KubeletEnv, podsOf, rolledOut, startKubeletEnv } from './kubelet-env.js';

const ref = (namespace: string, name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace,
  name,
});

/** A simulated container whose readiness probe knocks on a port nothing listens on. */
const neverReady = {
  readinessProbe: { httpGet: { path: '/readyz', port: 1 }, periodSeconds: 1, failureThreshold: 1 },
};

describe('kubelet: progress deadline and minReadySeconds (injected clock)', () => {
  let env: KubeletEnv;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  beforeAll(async () => {
    env = await startKubeletEnv({ clock });
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    await env?.stop();
  });

  it('reports ProgressDeadlineExceeded once no progress was made for progressDeadlineSeconds', async () => {
    const ns = await env.namespace();
    await env.raw.create(
      deployment(ns, 'stuck', 'nginx:1.25', {
        replicas: 2,
        progressDeadlineSeconds: 60,
        container: neverReady,
      }),
    );
    const waiting = await eventually(async () => {
      const d = await env.raw.get<Deployment>(ref(ns, 'stuck'));
      expect(d?.status).toMatchObject({
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
        unavailableReplicas: 2,
      });
      const pods = await podsOf(env.raw, ns, 'stuck');
      expect(pods.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
      return d!;
    });
    expect(waiting.status?.readyReplicas).toBeUndefined();
    expect(waiting.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable'],
      ['Progressing', 'True', 'ReplicaSetUpdated'],
    ]);
    const pod = (await podsOf(env.raw, ns, 'stuck'))[0]!;
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [app]',
    });
    // Flagger's readiness check: waiting, retriable.
    expect(
      deploymentRollout(waiting, { deadlineSeconds: 600, readyThreshold: 100, now: clock.now() }),
    ).toEqual({
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: 0 of 2 (readyThreshold 100%) updated replicas are available',
    });

    clock.advance(30_000);
    env.kubelet.resync();
    await env.kubelet.idle();
    // Still inside the deadline: nothing changes.
    const inside = await env.raw.get<Deployment>(ref(ns, 'stuck'));
    expect(inside?.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
      'ReplicaSetUpdated',
    );

    clock.advance(31_000);
    env.kubelet.resync();
    const exceeded = await eventually(async () => {
      const d = await env.raw.get<Deployment>(ref(ns, 'stuck'));
      expect(d?.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
        'ProgressDeadlineExceeded',
      );
      return d!;
    });
    const progressing = exceeded.status?.conditions?.find((c) => c.type === 'Progressing');
    const rsName = (await podsOf(env.raw, ns, 'stuck'))[0]?.metadata.ownerReferences?.[0]?.name;
    expect(progressing).toEqual({
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rsName}" has timed out progressing.`,
      lastUpdateTime: '2026-03-01T10:01:01Z',
      lastTransitionTime: '2026-03-01T10:01:01Z',
    });
    // Available kept its time: it has been False since the rollout began (Flagger measures from it).
    expect(exceeded.status?.conditions?.find((c) => c.type === 'Available')?.lastUpdateTime).toBe(
      '2026-03-01T10:00:00Z',
    );
    expect(
      deploymentRollout(exceeded, { deadlineSeconds: 60, readyThreshold: 100, now: clock.now() }),
    ).toEqual({
      ready: false,
      retriable: false,
      message: 'deployment "stuck" exceeded its progress deadline',
    });
  });

  it('a later rollout that succeeds leaves ProgressDeadlineExceeded behind', async () => {
    const ns = await env.namespace();
    await env.raw.create(
      deployment(ns, 'fixed', 'nginx:1.25', {
        replicas: 1,
        progressDeadlineSeconds: 10,
        container: neverReady,
      }),
    );
    await eventually(async () => {
      const d = await env.raw.get<Deployment>(ref(ns, 'fixed'));
      expect(d?.status?.updatedReplicas).toBe(1);
    });
    clock.advance(11_000);
    env.kubelet.resync();
    await eventually(async () => {
      const d = await env.raw.get<Deployment>(ref(ns, 'fixed'));
      expect(d?.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
        'ProgressDeadlineExceeded',
      );
    });
    // Fix the probe: a new template, a new ReplicaSet whose pods become ready.
    const current = await env.raw.get<Deployment>(ref(ns, 'fixed'));
    const fixed = structuredClone(current!);
    delete fixed.spec.template.spec.containers[0]!.readinessProbe;
    await env.raw.replace(fixed);
    const done = await rolledOut(env.raw, ns, 'fixed');
    expect(done.status?.conditions?.find((c) => c.type === 'Progressing')?.status).toBe('True');
    expect(deploymentRollout(done, { deadlineSeconds: 60, readyThreshold: 100, now: clock.now() })).toEqual({
      ready: true,
    });
    const pods: Pod[] = await podsOf(env.raw, ns, 'fixed');
    expect(pods).toHaveLength(1);
  });

  it('counts a ready pod as available only after minReadySeconds', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'slow', 'nginx:1.25', { replicas: 2, minReadySeconds: 30 }));
    const ready = await eventually(async () => {
      const d = await env.raw.get<Deployment>(ref(ns, 'slow'));
      expect(d?.status).toMatchObject({
        replicas: 2,
        updatedReplicas: 2,
        readyReplicas: 2,
        unavailableReplicas: 2,
      });
      return d!;
    });
    expect(ready.status?.availableReplicas).toBeUndefined();
    expect(ready.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('False');

    clock.advance(31_000);
    env.kubelet.resync();
    const available = await rolledOut(env.raw, ns, 'slow');
    expect(available.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });
  });
});
