import type { Canary } from '../../../src/apis/index.js';
import type { ObjectRef } from '../../../src/kube/kube-object.js';
import { DestinationRuleType, VirtualServiceType } from '../../../src/routers/istio/istio-types.js';
import { parseProvider } from '../../../src/routers/providers.js';
import { createMeshRouter, routingTypes } from '../../../src/routers/router-factory.js';
import { trafficSplitType } from '../../../src/routers/smi/traffic-split.js';
import type { RouterContractFixture } from '../../contracts/router-contract.js';
import type { RouterEnv, RouterStack } from './router-env.js';

/** The objects the router of `provider` manages for the apex `podinfo` in `namespace`. */
export function routingRefs(provider: string, namespace: string): ObjectRef[] {
  const parsed = parseProvider(provider);
  switch (parsed.kind) {
    case 'istio':
      return [
        { ...VirtualServiceType, namespace, name: 'podinfo' },
        { ...DestinationRuleType, namespace, name: 'podinfo-canary' },
        { ...DestinationRuleType, namespace, name: 'podinfo-primary' },
      ];
    case 'smi':
      return [{ ...trafficSplitType(parsed.version), namespace, name: 'podinfo' }];
    case 'kubernetes':
      return [];
  }
}

/** A contract setup: a fresh namespace with `manifest`'s Canary, the router of `provider` over a fresh cache. */
export function contractSetup(
  env: () => RouterEnv,
  provider: string,
  manifest: Canary,
  missingObjectError?: RegExp,
): () => Promise<RouterContractFixture> {
  return async () => {
    const namespace = await env().namespace('contract');
    const canary = await env().createCanary(manifest, namespace);
    const types = routingTypes(provider);
    const stacks: RouterStack[] = [await env().stack(types)];
    const main = stacks[0]!;
    return {
      router: createMeshRouter(provider, main.deps),
      canary,
      requests: () => main.counting.total(),
      shiftsTraffic: types.length > 0,
      mirrors: provider === 'istio',
      keepsSessionCookies: provider === 'istio',
      routingObjects: () => Promise.all(routingRefs(provider, namespace).map((ref) => env().raw.get(ref))),
      reopen: async () => {
        const stack = await env().stack(types);
        stacks.push(stack);
        return createMeshRouter(provider, stack.deps);
      },
      ...(missingObjectError ? { missingObjectError } : {}),
      dispose: async () => {
        for (const stack of stacks) stack.stop();
      },
    };
  };
}
