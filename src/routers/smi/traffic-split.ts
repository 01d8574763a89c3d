import type { KubeObject, TypeRef } from '../../kube/kube-object.js';
import type { SmiVersion } from '../providers.js';

/** The TrafficSplit kind of an SMI version. */
export function trafficSplitType(version: SmiVersion): TypeRef {
  return { apiVersion: `split.smi-spec.io/${version}`, kind: 'TrafficSplit' };
}

/** One backend of a split: v1alpha1 weighs with a quantity string (`"90"`), later versions with integers. */
export interface TrafficSplitBackend {
  service: string;
  weight: number | string;
}

/** `spec` of a TrafficSplit as Weir writes it. */
export interface TrafficSplitSpec {
  /** The root (apex) service clients address. */
  service: string;
  backends: TrafficSplitBackend[];
}

/** An SMI TrafficSplit of any version. */
export interface TrafficSplit extends KubeObject {
  spec: TrafficSplitSpec;
}

/** The annotation the Istio SMI adapter reads the VirtualService gateways from. */
export const istioGatewaysAnnotation = 'VirtualService.v1alpha3.networking.istio.io/spec.gateways';

/** A weight as `version` writes it. */
export function encodeWeight(version: SmiVersion, weight: number): number | string {
  return version === 'v1alpha1' ? String(weight) : weight;
}

const suffixes: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9 };

/**
 * A weight as read: an integer, or a Kubernetes quantity (`"90"`, `"500m"`) rounded up like Go's
 * `Quantity.Value()`; 0 when unreadable.
 */
export function decodeWeight(weight: unknown): number {
  if (typeof weight === 'number') return Number.isFinite(weight) ? Math.ceil(weight) : 0;
  if (typeof weight !== 'string') return 0;
  const match = /^([+-]?[0-9]+(?:\.[0-9]*)?)(m|k|M|G)?$/.exec(weight.trim());
  if (!match) return 0;
  return Math.ceil(Number(match[1]) * (suffixes[match[2] ?? ''] ?? 1));
}
