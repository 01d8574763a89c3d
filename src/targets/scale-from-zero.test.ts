import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import type { Deployment } from '../kube/api/apps-v1.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import { type KubeObject, keyOf, type ObjectRef, type TypeRef } from '../kube/kube-object.js';
import { scaleFromZeroReplicas } from './scale-from-zero.js';
import { TargetError } from './workload-target.js';

/** A ClusterReader over a fixed set of objects (what an informer cache would hold). */
function reader(objects: KubeObject[]): ClusterReader {
  const key = (t: TypeRef, o: { name: string; namespace?: string }) =>
    `${t.apiVersion}/${t.kind}/${keyOf(o)}`;
  const byKey = new Map(objects.map((o) => [key(o, o.metadata), o]));
  return {
    get: <T extends KubeObject>(ref: ObjectRef) => byKey.get(key(ref, ref)) as T | undefined,
    list: <T extends KubeObject>(type: TypeRef) =>
      objects.filter((o) => o.apiVersion === type.apiVersion && o.kind === type.kind) as T[],
  };
}

function deployment(name: string, replicas: number | undefined): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'test' },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: {},
      template: { spec: { containers: [] } },
    },
  };
}

const hpa = (minReplicas?: number): KubeObject =>
  ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: { ...(minReplicas === undefined ? {} : { minReplicas }), maxReplicas: 4 },
  }) as KubeObject;

function canary(autoscalerKind?: 'HorizontalPodAutoscaler' | 'ScaledObject'): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      // The guide's autoscalerRef still says v2beta1: the HPA is read as autoscaling/v2 regardless.
      ...(autoscalerKind
        ? { autoscalerRef: { apiVersion: 'autoscaling/v2beta1', kind: autoscalerKind, name: 'podinfo' } }
        : {}),
      service: { port: 9898 },
      analysis: { interval: '1m', threshold: 5 },
    },
  } as Canary;
}

describe('scaleFromZeroReplicas (§2.11)', () => {
  const replicas = (c: Canary, target: Deployment, primary?: Deployment, objects: KubeObject[] = []) =>
    scaleFromZeroReplicas({ canary: c, target, primary, cache: reader(objects) });

  it("keeps the target's own replicas when above zero", () => {
    expect(
      replicas(canary('HorizontalPodAutoscaler'), deployment('podinfo', 3), deployment('podinfo-primary', 5)),
    ).toBe(3);
  });

  it("without an autoscaler, takes the primary's replicas, else 1", () => {
    expect(replicas(canary(), deployment('podinfo', 0), deployment('podinfo-primary', 5))).toBe(5);
    expect(replicas(canary(), deployment('podinfo', 0), deployment('podinfo-primary', 0))).toBe(1);
    expect(replicas(canary(), deployment('podinfo', 0))).toBe(1);
  });

  it('with an HPA, takes its minReplicas when above 1, else 1', () => {
    const primary = deployment('podinfo-primary', 5);
    expect(replicas(canary('HorizontalPodAutoscaler'), deployment('podinfo', 0), primary, [hpa(2)])).toBe(2);
    expect(replicas(canary('HorizontalPodAutoscaler'), deployment('podinfo', 0), primary, [hpa(1)])).toBe(1);
    expect(replicas(canary('HorizontalPodAutoscaler'), deployment('podinfo', 0), primary, [hpa()])).toBe(1);
  });

  it('with a ScaledObject, takes its minReplicaCount when above 1', () => {
    const scaledObject = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: { minReplicaCount: 3 },
    } as KubeObject;
    expect(replicas(canary('ScaledObject'), deployment('podinfo', 0), undefined, [scaledObject])).toBe(3);
  });

  it('fails with a typed error when the autoscaler is missing', () => {
    const run = () => replicas(canary('HorizontalPodAutoscaler'), deployment('podinfo', 0));
    expect(run).toThrow(TargetError);
    expect(run).toThrow(
      'HorizontalPodAutoscaler podinfo.test get query error: horizontalpodautoscalers.autoscaling "podinfo" not found',
    );
  });
});
