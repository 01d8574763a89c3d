import type { TypeRef } from '../kube/kube-object.js';
import { IstioRouter } from './istio/istio-router.js';
import { DestinationRuleType, VirtualServiceType } from './istio/istio-types.js';
import type { MeshRouter } from './mesh-router.js';
import { NopRouter } from './nop-router.js';
import { type Provider, parseProvider } from './providers.js';
import type { RouterDeps } from './router-deps.js';
import { SmiRouter } from './smi/smi-router.js';
import { trafficSplitType } from './smi/traffic-split.js';

/**
 * The router of a provider string (`spec.provider` or `-mesh-provider`): `istio` → {@link IstioRouter},
 * `linkerd`/`osm`/`smi:…` → {@link SmiRouter} of the matching TrafficSplit version, `kubernetes` →
 * {@link NopRouter}. Anything else throws `UnknownProviderError`; there is no fallback.
 */
export function createMeshRouter(provider: string, deps: RouterDeps): MeshRouter {
  const parsed = parseProvider(provider);
  switch (parsed.kind) {
    case 'istio':
      return new IstioRouter(deps);
    case 'smi':
      return new SmiRouter(deps, { version: parsed.version, mesh: parsed.mesh });
    case 'kubernetes':
      return new NopRouter();
    default:
      return unreachable(parsed);
  }
}

/**
 * The kinds a provider's router reads, which the operator's informer cache must track (VirtualService and
 * DestinationRule for Istio, the TrafficSplit of the right version for SMI, none for `kubernetes`).
 * Throws `UnknownProviderError` like {@link createMeshRouter}.
 */
export function routingTypes(provider: string): TypeRef[] {
  const parsed = parseProvider(provider);
  switch (parsed.kind) {
    case 'istio':
      return [{ ...VirtualServiceType }, { ...DestinationRuleType }];
    case 'smi':
      return [trafficSplitType(parsed.version)];
    case 'kubernetes':
      return [];
    default:
      return unreachable(parsed);
  }
}

function unreachable(provider: never): never {
  throw new Error(`unhandled provider kind ${(provider as Provider).kind}`);
}
