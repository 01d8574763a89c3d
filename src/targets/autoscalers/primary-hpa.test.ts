import { describe, expect, it } from 'vitest';
import type { Canary } from '../../apis/index.js';
import type { HorizontalPodAutoscaler } from '../../kube/api/autoscaling.js';
import { newPrimaryHpa, syncedPrimaryHpa } from './primary-hpa.js';

function canary(primaryScalerReplicas?: { minReplicas?: number; maxReplicas?: number }): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test', uid: 'canary-uid' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      autoscalerRef: {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        name: 'podinfo-hpa',
        ...(primaryScalerReplicas ? { primaryScalerReplicas } : {}),
      },
    },
  } as unknown as Canary;
}

function hpa(
  utilization: number,
  labels: Record<string, string> = { app: 'podinfo' },
): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: 'podinfo-hpa',
      namespace: 'test',
      labels: { ...labels, 'kustomize.toolkit.fluxcd.io/name': 'apps' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } },
        },
      ],
    },
  };
}

describe('newPrimaryHpa (Flagger HPAReconciler, init)', () => {
  it('scales <target>-primary like the target HPA scales the target', () => {
    const primary = newPrimaryHpa(canary(), hpa(99), []);
    expect(primary.metadata).toEqual({
      name: 'podinfo-hpa-primary',
      namespace: 'test',
      labels: { app: 'podinfo' },
      ownerReferences: [
        {
          apiVersion: 'flagger.app/v1beta1',
          kind: 'Canary',
          name: 'podinfo',
          uid: 'canary-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(primary.spec).toEqual({
      ...hpa(99).spec,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo-primary' },
    });
  });

  it('takes min and max from primaryScalerReplicas when set', () => {
    expect(newPrimaryHpa(canary({ minReplicas: 3, maxReplicas: 10 }), hpa(99), []).spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 10,
    });
    expect(newPrimaryHpa(canary({ maxReplicas: 10 }), hpa(99), []).spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 10,
    });
  });
});

describe('syncedPrimaryHpa (Flagger HPAReconciler, init=false)', () => {
  it('brings metrics, replicas and labels in line with the target HPA, and then finds nothing to do', () => {
    const primary = {
      ...newPrimaryHpa(canary(), hpa(99), []),
      metadata: { ...newPrimaryHpa(canary(), hpa(99), []).metadata, resourceVersion: '5' },
    };
    expect(syncedPrimaryHpa(canary(), primary, hpa(99), [])).toBeUndefined();
    const next = syncedPrimaryHpa(canary(), primary, hpa(50, { app: 'podinfo', tier: 'web' }), []);
    expect(next?.metadata).toMatchObject({ resourceVersion: '5', labels: { app: 'podinfo', tier: 'web' } });
    expect(next?.spec.metrics).toEqual(hpa(50).spec.metrics);
    expect(syncedPrimaryHpa(canary(), next!, hpa(50, { app: 'podinfo', tier: 'web' }), [])).toBeUndefined();
  });

  it('follows primaryScalerReplicas changes, and counts an unset minReplicas as 1', () => {
    const primary = newPrimaryHpa(canary(), hpa(99), []);
    expect(syncedPrimaryHpa(canary({ minReplicas: 5 }), primary, hpa(99), [])?.spec.minReplicas).toBe(5);
    const unset = hpa(99);
    delete unset.spec.minReplicas;
    const one = { ...primary, spec: { ...primary.spec, minReplicas: 1 } };
    expect(syncedPrimaryHpa(canary(), one, unset, [])).toBeUndefined();
  });
});
