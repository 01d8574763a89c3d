import type { KubeObject, TypeRef } from '../kube-object.js';
import type { Condition } from './core-v1.js';

/** `spec.scaleTargetRef` of an autoscaler. */
export interface CrossVersionObjectReference {
  apiVersion?: string;
  kind: string;
  name: string;
}

/** An autoscaling/v2 HorizontalPodAutoscaler. */
export interface HorizontalPodAutoscaler extends KubeObject {
  spec: {
    scaleTargetRef: CrossVersionObjectReference;
    minReplicas?: number;
    maxReplicas: number;
    metrics?: unknown[];
    behavior?: unknown;
    [field: string]: unknown;
  };
  status?: HpaStatus;
}

/** `status` of an autoscaling/v2 HorizontalPodAutoscaler. */
export interface HpaStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas: number;
  conditions?: Condition[];
  [field: string]: unknown;
}

/** A KEDA ScaledObject (only what scaling from zero reads). */
export interface ScaledObject extends KubeObject {
  spec: { minReplicaCount?: number; [field: string]: unknown };
}

/** HorizontalPodAutoscalers, always read as autoscaling/v2 whatever `autoscalerRef.apiVersion` says. */
export const HorizontalPodAutoscalerType = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
} as const satisfies TypeRef;

/** KEDA ScaledObjects. */
export const ScaledObjectType = {
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
} as const satisfies TypeRef;
