import type { KubeClient } from '../../src/kube/kube-client.js';
import type { KubeObject } from '../../src/kube/kube-object.js';

/** A routing object Weir writes, as the API server holds it. */
export interface RoutingObject {
  /** `VirtualService` or `TrafficSplit` (with its API version). */
  kind: string;
  apiVersion: string;
  /** Weight per destination service name (`podinfo-primary`, `podinfo-canary`). */
  weights: Map<string, number>;
}

interface VirtualService extends KubeObject {
  spec?: { http?: { route?: { destination?: { host?: string }; weight?: number }[] }[] };
}

interface TrafficSplit extends KubeObject {
  spec?: { backends?: { service: string; weight: number | string }[] };
}

export const virtualServiceType = { apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService' };
export const trafficSplitVersions = ['v1alpha1', 'v1alpha2', 'v1alpha3'] as const;

/** A host name as a service name: `podinfo-canary.test.svc.cluster.local` → `podinfo-canary`. */
function serviceOf(host: string): string {
  return host.split('.')[0] ?? host;
}

/**
 * The routing objects named `apex` in `namespace` (the Istio VirtualService and any version of SMI
 * TrafficSplit), read from the API server, with the weight each sends to each service. A
 * TrafficSplit v1alpha1 weight is a quantity string (`"90"`), read as its number.
 */
export async function routingObjects(
  raw: KubeClient,
  namespace: string,
  apex: string,
): Promise<RoutingObject[]> {
  const found: RoutingObject[] = [];
  const vs = await raw.get<VirtualService>({ ...virtualServiceType, namespace, name: apex });
  if (vs) {
    const weights = new Map<string, number>();
    for (const route of vs.spec?.http?.[0]?.route ?? []) {
      const host = route.destination?.host;
      if (host) weights.set(serviceOf(host), (weights.get(serviceOf(host)) ?? 0) + (route.weight ?? 0));
    }
    found.push({ kind: vs.kind, apiVersion: vs.apiVersion, weights });
  }
  for (const version of trafficSplitVersions) {
    const type = { apiVersion: `split.smi-spec.io/${version}`, kind: 'TrafficSplit' };
    const split = await raw.get<TrafficSplit>({ ...type, namespace, name: apex });
    if (!split) continue;
    const weights = new Map<string, number>();
    for (const backend of split.spec?.backends ?? []) weights.set(backend.service, Number(backend.weight));
    found.push({ kind: split.kind, apiVersion: split.apiVersion, weights });
  }
  return found;
}

/** `primary/canary` weights of the single routing object of `apex`, e.g. `100/0`; `none` when there is none. */
export async function routeWeights(raw: KubeClient, namespace: string, apex: string): Promise<string> {
  const objects = await routingObjects(raw, namespace, apex);
  if (objects.length === 0) return 'none';
  if (objects.length > 1) throw new Error(`${objects.length} routing objects for ${apex}.${namespace}`);
  const weights = objects[0]?.weights ?? new Map<string, number>();
  return `${weights.get(`${apex}-primary`) ?? 0}/${weights.get(`${apex}-canary`) ?? 0}`;
}
