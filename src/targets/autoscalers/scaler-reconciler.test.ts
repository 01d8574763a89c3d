import { describe, expect, it } from 'vitest';
import type { Canary } from '../../apis/index.js';
import type { KubeClient } from '../../kube/kube-client.js';
import { TargetError } from '../workload-target.js';
import { HpaReconciler } from './hpa-reconciler.js';
import { createScalerReconciler } from './scaler-reconciler.js';

const options = {
  client: {} as KubeClient,
  cache: { get: () => undefined, list: () => [] },
  includeLabelPrefix: [],
};

function canary(autoscalerRef?: { apiVersion: string; kind: string; name: string }): Canary {
  return {
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      ...(autoscalerRef ? { autoscalerRef } : {}),
    },
  } as unknown as Canary;
}

describe('createScalerReconciler', () => {
  it('answers none without an autoscalerRef and the HPA reconciler for an HPA', () => {
    expect(createScalerReconciler(canary(), options)).toBeUndefined();
    const hpa = canary({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'podinfo' });
    expect(createScalerReconciler(hpa, options)).toBeInstanceOf(HpaReconciler);
  });

  it('rejects a KEDA ScaledObject instead of running the primary without an autoscaler', () => {
    const keda = canary({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'podinfo-so' });
    const run = () => createScalerReconciler(keda, options);
    expect(run).toThrow(TargetError);
    expect(run).toThrow(
      'canary podinfo.test: autoscalerRef keda.sh/v1alpha1/ScaledObject podinfo-so is not supported yet; supported kinds: HorizontalPodAutoscaler',
    );
  });

  it('reports a missing target HPA with Flagger’s wording', async () => {
    const hpa = canary({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'podinfo' });
    await expect(
      createScalerReconciler(hpa, options)?.reconcilePrimaryScaler(hpa, { init: true }),
    ).rejects.toThrow(
      'HorizontalPodAutoscaler podinfo.test get query error: horizontalpodautoscalers.autoscaling "podinfo" not found',
    );
  });
});
