import type { AutoscalerKind, Canary } from '../apis/index.js';
import type { Deployment } from '../kube/api/apps-v1.js';
import {
  type HorizontalPodAutoscaler,
  HorizontalPodAutoscalerType,
  type ScaledObject,
  ScaledObjectType,
} from '../kube/api/autoscaling.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import { dotted, type ObjectRef } from '../kube/kube-object.js';
import { TargetError } from './workload-target.js';

/** What the replica count of a target scaled back up depends on. */
export interface ScaleFromZeroInputs {
  canary: Canary;
  target: Deployment;
  /** The primary, when it exists. */
  primary: Deployment | undefined;
  /** Where the autoscaler named by `autoscalerRef` is read. */
  cache: ClusterReader;
}

function autoscalerMinimum(canary: Canary, cache: ClusterReader): number | undefined {
  const autoscaler = canary.spec.autoscalerRef!;
  const kind: AutoscalerKind = autoscaler.kind;
  const where = { namespace: canary.metadata.namespace, name: autoscaler.name };
  switch (kind) {
    case 'HorizontalPodAutoscaler': {
      const ref: ObjectRef = { ...HorizontalPodAutoscalerType, ...where };
      const hpa = cache.get<HorizontalPodAutoscaler>(ref);
      if (!hpa) throw missing(ref, 'horizontalpodautoscalers.autoscaling');
      return hpa.spec.minReplicas;
    }
    case 'ScaledObject': {
      const ref: ObjectRef = { ...ScaledObjectType, ...where };
      const scaledObject = cache.get<ScaledObject>(ref);
      if (!scaledObject) throw missing(ref, 'scaledobjects.keda.sh');
      return scaledObject.spec.minReplicaCount;
    }
    default: {
      const unknown: never = kind;
      throw new TargetError('unsupported-kind', `unknown autoscaler kind ${String(unknown)}`);
    }
  }
}

function missing(ref: ObjectRef, resource: string): TargetError {
  return new TargetError(
    'autoscaler-not-found',
    `${ref.kind} ${dotted(ref)} get query error: ${resource} "${ref.name}" not found`,
  );
}

/**
 * Replicas of a target scaled back up (§2.11): its own when above zero; else, without an autoscaler, the
 * primary's when above zero; with one, the autoscaler's minimum when above one; else 1.
 */
export function scaleFromZeroReplicas({ canary, target, primary, cache }: ScaleFromZeroInputs): number {
  const own = target.spec.replicas;
  if (own !== undefined && own > 0) return own;
  if (!canary.spec.autoscalerRef) {
    const primaryReplicas = primary?.spec.replicas;
    return primaryReplicas !== undefined && primaryReplicas > 0 ? primaryReplicas : 1;
  }
  const minimum = autoscalerMinimum(canary, cache);
  return minimum !== undefined && minimum > 1 ? minimum : 1;
}
