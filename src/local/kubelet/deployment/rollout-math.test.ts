import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../kube/api/apps-v1.js';
import type { IntOrString } from '../../../kube/api/core-v1.js';
import { scaledValue } from '../int-or-percent.js';
import {
  activeOrLatest,
  fenceposts,
  maxUnavailable,
  newSetReplicas,
  oldSetsScaleDown,
  proportionalScale,
} from './rollout-math.js';

function deployment(
  replicas: number,
  maxSurge?: IntOrString,
  maxUnavailableValue?: IntOrString,
  type?: string,
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'ns', uid: 'd-uid', generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      strategy: {
        ...(type ? { type } : {}),
        rollingUpdate: {
          ...(maxSurge !== undefined ? { maxSurge } : {}),
          ...(maxUnavailableValue !== undefined ? { maxUnavailable: maxUnavailableValue } : {}),
        },
      },
    },
  };
}

function set(
  name: string,
  replicas: number,
  available = replicas,
  created = '2026-01-01T00:00:00Z',
): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'ns', creationTimestamp: created },
    spec: { replicas, selector: {}, template: { spec: { containers: [] } } },
    status: { replicas, availableReplicas: available, readyReplicas: available },
  };
}

describe('scaledValue', () => {
  it('takes ints as they are and scales percentages, surge up and unavailable down', () => {
    expect(scaledValue(2, 10, true)).toBe(2);
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(scaledValue(undefined, 10, true)).toBe(0);
    expect(() => scaledValue('lots', 10, true)).toThrow(/invalid value/);
  });
});

describe('fenceposts and maxUnavailable', () => {
  it('defaults to 25%/25% and never lets both be zero', () => {
    expect(fenceposts(deployment(4))).toEqual({ surge: 1, unavailable: 1 });
    expect(fenceposts(deployment(1))).toEqual({ surge: 1, unavailable: 0 });
    expect(fenceposts(deployment(2, 0, '10%'))).toEqual({ surge: 0, unavailable: 1 });
  });

  it('is zero for Recreate and zero replicas, and at most the replicas', () => {
    expect(maxUnavailable(deployment(3, 1, 1, 'Recreate'))).toBe(0);
    expect(maxUnavailable(deployment(0, 1, 1))).toBe(0);
    expect(maxUnavailable(deployment(2, 0, 5))).toBe(2);
  });
});

describe('newSetReplicas', () => {
  it('grows the new set up to replicas + maxSurge in all, never beyond the replicas', () => {
    const d = deployment(4, 1, 1);
    const old = set('old', 4);
    const fresh = set('new', 0);
    expect(newSetReplicas(d, [old, fresh], fresh)).toBe(1);
    expect(newSetReplicas(d, [set('old', 3), set('new', 1)], set('new', 1))).toBe(2);
    expect(newSetReplicas(d, [set('old', 0), set('new', 3)], set('new', 3))).toBe(4);
  });

  it('jumps to the replicas for Recreate', () => {
    const fresh = set('new', 0);
    expect(newSetReplicas(deployment(3, 1, 1, 'Recreate'), [fresh], fresh)).toBe(3);
  });
});

describe('oldSetsScaleDown', () => {
  it('scales old sets down while the available count stays at replicas - maxUnavailable', () => {
    const d = deployment(4, 1, 1);
    const old = set('old', 4);
    const fresh = set('new', 1, 0);
    // 5 pods, 4 available, the new one not yet: one old pod may go.
    expect(oldSetsScaleDown(d, [old, fresh], [old], fresh)).toEqual([{ set: old, replicas: 3 }]);
  });

  it('does nothing while the new pods are unavailable and the minimum is reached', () => {
    const d = deployment(4, 1, 1);
    const old = set('old', 3);
    const fresh = set('new', 2, 0);
    expect(oldSetsScaleDown(d, [old, fresh], [old], fresh)).toEqual([]);
  });

  it('removes unhealthy old replicas first (they do not count against the budget), then available ones', () => {
    const d = deployment(3, 0, 1);
    const oldest = set('a', 1, 0, '2026-01-01T00:00:00Z');
    const older = set('b', 2, 2, '2026-01-02T00:00:00Z');
    const fresh = set('new', 1, 1, '2026-01-03T00:00:00Z');
    // 4 pods, 3 available, minimum 2: the unhealthy one goes, then one available one.
    expect(oldSetsScaleDown(d, [oldest, older, fresh], [oldest, older], fresh)).toEqual([
      { set: oldest, replicas: 0 },
      { set: older, replicas: 1 },
    ]);
  });
});

describe('activeOrLatest and proportionalScale', () => {
  it('finds the one active set, or the newest when none is active', () => {
    const a = set('a', 0, 0, '2026-01-01T00:00:00Z');
    const b = set('b', 0, 0, '2026-01-02T00:00:00Z');
    expect(activeOrLatest(undefined, [a, b])).toBe(b);
    expect(activeOrLatest(set('n', 0), [a, set('c', 2)])?.metadata.name).toBe('c');
    expect(activeOrLatest(set('n', 1), [set('c', 2)])).toBeUndefined();
  });

  it('shares a scale-up out in proportion to the sets, leftovers to the largest', () => {
    const d = deployment(10, 0, 2);
    const big = set('big', 4, 4, '2026-01-01T00:00:00Z');
    const small = set('small', 2, 2, '2026-01-02T00:00:00Z');
    const steps = proportionalScale(d, [big, small]);
    expect(steps.map((s) => [s.set.metadata.name, s.replicas])).toEqual([
      ['big', 7],
      ['small', 3],
    ]);
  });
});
