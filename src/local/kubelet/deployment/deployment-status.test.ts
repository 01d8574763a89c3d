import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../kube/api/apps-v1.js';
import { calculateStatus, rolloutStatus, setCondition } from './deployment-status.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function deployment(status: Deployment['status'] = {}, replicas = 2): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'ns', generation: 2 },
    spec: {
      replicas,
      progressDeadlineSeconds: 60,
      selector: { matchLabels: { app: 'web' } },
      template: { spec: { containers: [] } },
    },
    status,
  };
}

function set(name: string, replicas: number, available: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'ns' },
    spec: { replicas, selector: {}, template: { spec: { containers: [] } } },
    status: { replicas, readyReplicas: available, availableReplicas: available },
  };
}

describe('setCondition', () => {
  it('keeps a condition with the same status and reason untouched, and the transition time while the status stays', () => {
    const status = {
      conditions: [
        {
          type: 'Available',
          status: 'False' as const,
          reason: 'A',
          lastUpdateTime: 'u0',
          lastTransitionTime: 't0',
        },
      ],
    };
    setCondition(status, {
      type: 'Available',
      status: 'False',
      reason: 'A',
      lastUpdateTime: 'u1',
      lastTransitionTime: 't1',
    });
    expect(status.conditions[0]).toMatchObject({ lastUpdateTime: 'u0', lastTransitionTime: 't0' });
    setCondition(status, {
      type: 'Available',
      status: 'False',
      reason: 'B',
      lastUpdateTime: 'u2',
      lastTransitionTime: 't2',
    });
    expect(status.conditions[0]).toMatchObject({
      reason: 'B',
      lastUpdateTime: 'u2',
      lastTransitionTime: 't0',
    });
  });
});

describe('calculateStatus', () => {
  it('counts replicas from the sets, omits zero counters, and sets Available from maxUnavailable', () => {
    const fresh = set('new', 1, 0);
    const status = calculateStatus(deployment(), [set('old', 2, 2), fresh], fresh, t0);
    expect(status).toMatchObject({
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 1,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 1,
    });
    expect(status.conditions).toEqual([
      {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
        lastUpdateTime: '2026-01-01T00:00:00Z',
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ]);
    const none = calculateStatus(deployment(), [set('new', 2, 0)], undefined, t0);
    expect(none.updatedReplicas).toBeUndefined();
    expect(none.availableReplicas).toBeUndefined();
    expect(none.conditions?.[0]).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });
});

describe('rolloutStatus', () => {
  const progressing = (reason: string, lastUpdate: Date) => ({
    type: 'Progressing',
    status: 'True' as const,
    reason,
    message: 'm',
    lastUpdateTime: lastUpdate.toISOString().replace('.000', ''),
    lastTransitionTime: '2025-12-01T00:00:00Z',
  });

  it('reports progress by moving lastUpdateTime, keeping lastTransitionTime', () => {
    const d = deployment({
      replicas: 2,
      updatedReplicas: 1,
      conditions: [progressing('NewReplicaSetCreated', t0)],
    });
    const fresh = set('new', 2, 0);
    const { status, recheckInMs } = rolloutStatus(d, [fresh], fresh, at(10));
    expect(status.conditions?.find((c) => c.type === 'Progressing')).toEqual({
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: 'ReplicaSet "new" is progressing.',
      lastUpdateTime: '2026-01-01T00:00:10Z',
      lastTransitionTime: '2025-12-01T00:00:00Z',
    });
    expect(recheckInMs).toBe(61_000);
  });

  it('times out after progressDeadlineSeconds without progress, and completes once all is available', () => {
    const fresh = set('new', 2, 0);
    const stuck = deployment({
      replicas: 2,
      updatedReplicas: 2,
      conditions: [progressing('ReplicaSetUpdated', t0)],
    });
    expect(
      rolloutStatus(stuck, [fresh], fresh, at(60)).status.conditions?.find((c) => c.type === 'Progressing')
        ?.reason,
    ).toBe('ReplicaSetUpdated');
    const late = rolloutStatus(stuck, [fresh], fresh, at(61));
    expect(late.status.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: 'ReplicaSet "new" has timed out progressing.',
    });
    expect(late.recheckInMs).toBeUndefined();

    const ready = set('new', 2, 2);
    const done = rolloutStatus(deployment(late.status), [ready], ready, at(90));
    expect(done.status.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: 'ReplicaSet "new" has successfully progressed.',
      lastTransitionTime: '2026-01-01T00:01:30Z',
    });
  });
});
