import type { KubeObject, TypeRef } from '../kube-object.js';

/* The core/v1 shapes Weir reads and writes: typed where the operator or the playground reads them, the rest kept as is. */

/** A label selector (`matchLabels` and `matchExpressions`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** An int or a percentage string (`maxSurge`, `maxUnavailable`, `targetPort`). */
export type IntOrString = number | string;

/** A probe as the pod spec holds it. */
export interface Probe {
  httpGet?: {
    path?: string;
    port: IntOrString;
    host?: string;
    scheme?: string;
    httpHeaders?: { name: string; value: string }[];
  };
  tcpSocket?: { port: IntOrString; host?: string };
  exec?: { command?: string[] };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

/** One environment variable of a container. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; [source: string]: unknown };
}

/** A container port. */
export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/** A container. */
export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  ports?: ContainerPort[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  [field: string]: unknown;
}

/** A pod affinity term, as pod anti-affinity uses it. */
export interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  [field: string]: unknown;
}

/** A pod spec. */
export interface PodSpec {
  containers: Container[];
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
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

/** One entry of `status.conditions` (pods, deployments, nodes). */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

/** The state of a container, one of three. */
export interface ContainerState {
  running?: { startedAt: string };
  waiting?: { reason: string; message?: string };
  terminated?: {
    exitCode: number;
    signal?: number;
    reason: string;
    message?: string;
    startedAt?: string;
    finishedAt: string;
    containerID?: string;
  };
}

/** `status.containerStatuses[]` of a pod. */
export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
}

/** A core/v1 Pod. */
export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: {
    phase?: string;
    conditions?: Condition[];
    podIP?: string;
    podIPs?: { ip: string }[];
    hostIP?: string;
    hostIPs?: { ip: string }[];
    startTime?: string;
    containerStatuses?: ContainerStatus[];
    [field: string]: unknown;
  };
}

/** One port of a Service. */
export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: IntOrString;
  protocol?: string;
  appProtocol?: string;
}

/** A core/v1 Service. */
export interface Service extends KubeObject {
  spec?: {
    selector?: Record<string, string>;
    ports?: ServicePort[];
    type?: string;
    clusterIP?: string;
    publishNotReadyAddresses?: boolean;
  };
}

/** One address of an Endpoints subset. */
export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
}

/** One port of an Endpoints subset. */
export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

/** One subset of an Endpoints object. */
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** A core/v1 Endpoints object. */
export interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[];
}

/** A core/v1 Node. */
export interface Node extends KubeObject {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export const PodType = { apiVersion: 'v1', kind: 'Pod' } as const satisfies TypeRef;
export const ServiceType = { apiVersion: 'v1', kind: 'Service' } as const satisfies TypeRef;
export const EndpointsType = { apiVersion: 'v1', kind: 'Endpoints' } as const satisfies TypeRef;
export const NodeType = { apiVersion: 'v1', kind: 'Node' } as const satisfies TypeRef;
