import type { KubeObject, TypeRef } from '../../kube/kube-object.js';

/** The kinds the mesh reads besides the routing CRDs. */
export const ServiceType = { apiVersion: 'v1', kind: 'Service' } as const satisfies TypeRef;
export const EndpointsType = { apiVersion: 'v1', kind: 'Endpoints' } as const satisfies TypeRef;
export const PodType = { apiVersion: 'v1', kind: 'Pod' } as const satisfies TypeRef;
export const ReplicaSetType = { apiVersion: 'apps/v1', kind: 'ReplicaSet' } as const satisfies TypeRef;
export const CrdType = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
} as const satisfies TypeRef;

/** One port of a Service, as read. */
export interface ServicePortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

/** A Service: the fields the mesh routes by. */
export interface ServiceObject extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalName?: string;
    ports?: ServicePortSpec[];
  };
}

/** An address of an Endpoints subset. */
export interface EndpointAddressSpec {
  ip: string;
  targetRef?: { kind?: string; name?: string; namespace?: string };
}

/** Endpoints: ready addresses per port set. */
export interface EndpointsObject extends KubeObject {
  subsets?: {
    addresses?: EndpointAddressSpec[];
    notReadyAddresses?: EndpointAddressSpec[];
    ports?: { name?: string; port: number; protocol?: string }[];
  }[];
}

/** A Pod: its address and, through owners and labels, its workload. */
export interface PodObject extends KubeObject {
  status?: { podIP?: string; podIPs?: { ip: string }[]; phase?: string };
}
