import { describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from '../../../kube/api/autoscaling.js';
import { decideReplicas, nextHpaStatus } from './hpa-decision.js';

function hpa(
  minReplicas: number | undefined,
  maxReplicas: number,
  status?: HorizontalPodAutoscaler['status'],
) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'podinfo', namespace: 'test', generation: 1 },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      ...(minReplicas === undefined ? {} : { minReplicas }),
      maxReplicas,
    },
    ...(status ? { status } : {}),
  } as HorizontalPodAutoscaler;
}

const reasons = (d: ReturnType<typeof decideReplicas>) =>
  d.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`);

describe('decideReplicas (the playground HPA: bounds, no metrics)', () => {
  it('raises a target below minReplicas and lowers one above maxReplicas', () => {
    const up = decideReplicas(hpa(2, 4), { specReplicas: 1, statusReplicas: 1 });
    expect(up).toMatchObject({
      desiredReplicas: 2,
      rescaleTo: 2,
      rescaleReason: 'New size: 2; reason: Current number of replicas below Spec.MinReplicas',
    });
    expect(reasons(up)).toEqual([
      'AbleToScale=True/SucceededRescale',
      'ScalingActive=False/MetricsNotSupported',
      'ScalingLimited=True/TooFewReplicas',
    ]);
    expect(decideReplicas(hpa(2, 4), { specReplicas: 10, statusReplicas: 10 })).toMatchObject({
      desiredReplicas: 4,
      rescaleTo: 4,
      rescaleReason: 'New size: 4; reason: Current number of replicas above Spec.MaxReplicas',
    });
  });

  it('leaves a target within bounds alone (minReplicas defaults to 1)', () => {
    const within = decideReplicas(hpa(undefined, 4), { specReplicas: 3, statusReplicas: 3 });
    expect(within.rescaleTo).toBeUndefined();
    expect(within.desiredReplicas).toBe(3);
    expect(reasons(within)).toContain('ScalingLimited=False/DesiredWithinRange');
  });

  it('leaves a target scaled to zero alone: autoscaling is disabled, as in Kubernetes', () => {
    const off = decideReplicas(hpa(2, 4), { specReplicas: 0, statusReplicas: 0 });
    expect(off.rescaleTo).toBeUndefined();
    expect(off.desiredReplicas).toBe(0);
    expect(reasons(off)).toContain('ScalingActive=False/ScalingDisabled');
  });
});

describe('nextHpaStatus', () => {
  it('reports what runs and what is wanted, keeping transition times of unchanged conditions', () => {
    const decision = decideReplicas(hpa(2, 4), { specReplicas: 1, statusReplicas: 1 });
    const first = nextHpaStatus(
      hpa(2, 4),
      { specReplicas: 1, statusReplicas: 1 },
      decision,
      '2026-01-01T00:00:00Z',
    );
    expect(first).toMatchObject({
      observedGeneration: 1,
      lastScaleTime: '2026-01-01T00:00:00Z',
      currentReplicas: 1,
      desiredReplicas: 2,
    });
    const settled = decideReplicas(hpa(2, 4), { specReplicas: 2, statusReplicas: 2 });
    const later = nextHpaStatus(
      hpa(2, 4, first),
      { specReplicas: 2, statusReplicas: 2 },
      settled,
      '2026-01-01T00:01:00Z',
    );
    expect(later).toMatchObject({
      lastScaleTime: '2026-01-01T00:00:00Z',
      currentReplicas: 2,
      desiredReplicas: 2,
    });
    const active = (s: typeof later) =>
      s.conditions?.find((c) => c.type === 'ScalingActive')?.lastTransitionTime;
    const able = (s: typeof later) => s.conditions?.find((c) => c.type === 'AbleToScale')?.lastTransitionTime;
    expect(active(later)).toBe('2026-01-01T00:00:00Z');
    expect(able(later)).toBe('2026-01-01T00:01:00Z');
  });
});
