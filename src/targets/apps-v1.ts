import type { KubeObject, TypeRef } from '../kube/kube-object.js';

/** A label selector (`matchLabels` and `matchExpressions`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A container port. */
export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/** A container: only the fields Weir reads are typed, the rest is kept as is. */
export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
  [field: string]: unknown;
}

/** A pod affinity term, as pod anti-affinity uses it. */
export interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  [field: string]: unknown;
}

/** A pod spec: the fields Weir reads or rewrites are typed, the rest is kept as is. */
export interface PodSpec {
  containers: Container[];
  nodeSelector?: Record<string, string>;
  topologySpreadConstraints?: { labelSelector?: LabelSelector; [field: string]: unknown }[];
  affinity?: {
    podAntiAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
      preferredDuringSchedulingIgnoredDuringExecution?: {
        weight: number;
        podAffinityTerm: PodAffinityTerm;
      }[];
    };
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** `spec.template` of a workload. */
export interface PodTemplateSpec {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
  spec: PodSpec;
}

/** One entry of `status.conditions` of a Deployment. */
export interface DeploymentCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

/** An apps/v1 Deployment as the API serves it. */
export interface Deployment extends KubeObject {
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    strategy?: unknown;
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
    [field: string]: unknown;
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: DeploymentCondition[];
  };
}

/** An apps/v1 DaemonSet as the API serves it. */
export interface DaemonSet extends KubeObject {
  spec: {
    selector: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy?: { type?: string; [field: string]: unknown };
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

/** `spec.scaleTargetRef` of an autoscaler. */
export interface CrossVersionObjectReference {
  apiVersion?: string;
  kind: string;
  name: string;
}

/** An autoscaling/v2 HorizontalPodAutoscaler. */
export interface HorizontalPodAutoscaler extends KubeObject {
  spec: {
    scaleTargetRef?: CrossVersionObjectReference;
    minReplicas?: number;
    maxReplicas: number;
    metrics?: unknown[];
    behavior?: unknown;
    [field: string]: unknown;
  };
  status?: Record<string, unknown>;
}

/** A KEDA ScaledObject (only what scaling from zero reads). */
export interface ScaledObject extends KubeObject {
  spec: { minReplicaCount?: number; [field: string]: unknown };
}

/** apps/v1 Deployments. */
export const DeploymentType = { apiVersion: 'apps/v1', kind: 'Deployment' } as const satisfies TypeRef;

/** apps/v1 DaemonSets. */
export const DaemonSetType = { apiVersion: 'apps/v1', kind: 'DaemonSet' } as const satisfies TypeRef;

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
