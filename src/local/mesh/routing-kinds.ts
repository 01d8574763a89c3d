import type { KubeObject, TypeRef } from '../../kube/kube-object.js';

/** The routing CRDs the mesh obeys, by CRD name. */
export const RoutingCrds = {
  'virtualservices.networking.istio.io': { kind: 'VirtualService', preferredVersion: 'v1beta1' },
  'trafficsplits.split.smi-spec.io': { kind: 'TrafficSplit', preferredVersion: undefined },
} as const;
export type RoutingCrdName = keyof typeof RoutingCrds;

/** The kind a routing CRD serves. */
export type RoutingKind = (typeof RoutingCrds)[RoutingCrdName]['kind'];

interface CrdShape extends KubeObject {
  spec?: {
    group?: string;
    versions?: { name: string; served?: boolean; storage?: boolean }[];
  };
  status?: { conditions?: { type: string; status: string }[] };
}

function isRoutingCrd(name: string): name is RoutingCrdName {
  return Object.hasOwn(RoutingCrds, name);
}

/**
 * The version to read a routing CRD's objects through, once the CRD is established: every served
 * version shows the same objects (conversion `None`), so one informer per kind suffices. The version Weir's
 * routers write is preferred (so a cache shared with the operator shares the informer), else the storage
 * version. Undefined for other CRDs and CRDs not (yet) established.
 */
export function routingTypeOf(crd: KubeObject): { kind: RoutingKind; type: TypeRef } | undefined {
  const { name } = crd.metadata;
  if (!isRoutingCrd(name)) return undefined;
  const shape = crd as CrdShape;
  const established = shape.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
  const group = shape.spec?.group;
  if (!established || !group) return undefined;
  const served = (shape.spec?.versions ?? []).filter((v) => v.served !== false);
  const { kind, preferredVersion } = RoutingCrds[name];
  const version =
    served.find((v) => v.name === preferredVersion) ?? served.find((v) => v.storage) ?? served[0];
  return version ? { kind, type: { apiVersion: `${group}/${version.name}`, kind } } : undefined;
}
