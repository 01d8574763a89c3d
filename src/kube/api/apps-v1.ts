import type { KubeObject, TypeRef } from '../kube-object.js';
import type { Condition, IntOrString, LabelSelector, PodTemplateSpec } from './core-v1.js';

/** One entry of a Deployment's `status.conditions`. */
export type DeploymentCondition = Condition;

/** A rolling update's bounds (`maxSurge`, `maxUnavailable`). */
export interface RollingUpdate {
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
}

/** An apps/v1 Deployment. */
export interface Deployment extends KubeObject {
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    strategy?: { type?: string; rollingUpdate?: RollingUpdate };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
    paused?: boolean;
    [field: string]: unknown;
  };
  status?: DeploymentStatus;
}

/** `status` of a Deployment. */
export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  collisionCount?: number;
  conditions?: Condition[];
}

/** An apps/v1 ReplicaSet. */
export interface ReplicaSet extends KubeObject {
  spec: {
    replicas?: number;
    minReadySeconds?: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
  };
  status?: {
    replicas?: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
  };
}

/** An apps/v1 DaemonSet. */
export interface DaemonSet extends KubeObject {
  spec: {
    selector: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy?: { type?: string; rollingUpdate?: RollingUpdate; [field: string]: unknown };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    [field: string]: unknown;
  };
  status?: {
    observedGeneration?: number;
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    numberUnavailable?: number;
    [field: string]: unknown;
  };
}

export const DeploymentType = { apiVersion: 'apps/v1', kind: 'Deployment' } as const satisfies TypeRef;
export const ReplicaSetType = { apiVersion: 'apps/v1', kind: 'ReplicaSet' } as const satisfies TypeRef;
export const DaemonSetType = { apiVersion: 'apps/v1', kind: 'DaemonSet' } as const satisfies TypeRef;
