import type { Canary } from '../../../src/apis/index.js';
import { IstioRouter } from '../../../src/routers/istio/istio-router.js';
import {
  DestinationRuleType,
  type VirtualService,
  VirtualServiceType,
} from '../../../src/routers/istio/istio-types.js';
import { routingTypes } from '../../../src/routers/router-factory.js';
import type { RouterEnv } from './router-env.js';

/** A namespace holding `manifest`'s Canary, and an IstioRouter over a fresh cache. */
export async function istioWorld(
  env: RouterEnv,
  manifest: Canary,
  options: { setOwnerRefs?: boolean; namespace?: string } = {},
) {
  const namespace = await env.namespace(options.namespace ?? 'istio', {
    exact: options.namespace !== undefined,
  });
  const canary = await env.createCanary(manifest, namespace);
  const ownerRefs = options.setOwnerRefs === undefined ? {} : { setOwnerRefs: options.setOwnerRefs };
  const stack = await env.stack(routingTypes('istio'), ownerRefs);
  const router = new IstioRouter(stack.deps);
  const vsRef = { ...VirtualServiceType, namespace, name: 'podinfo' };
  const vs = () => env.raw.get<VirtualService>(vsRef);
  const cachedVs = () => stack.cache.get<VirtualService>(vsRef);
  const dr = (name: string) => env.raw.get({ ...DestinationRuleType, namespace, name });
  return { namespace, canary, stack, router, vs, cachedVs, dr };
}
