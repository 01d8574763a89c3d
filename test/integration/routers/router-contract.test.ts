import { afterAll, beforeAll } from 'vitest';
import { describeRouterContract } from '../../contracts/router-contract.js';
import { exampleCanary, guideCanary } from './canaries.js';
import { contractSetup } from './contract-fixture.js';
import { type RouterEnv, startRouterEnv } from './router-env.js';

let env: RouterEnv;
beforeAll(async () => {
  env = await startRouterEnv();
});
afterAll(() => env?.stop());

const missingVs = /^VirtualService podinfo\.contract-\d+ get query error: .*"podinfo" not found$/;
const missingTs = /^TrafficSplit podinfo\.contract-\d+ get query error: .*"podinfo" not found$/;

describeRouterContract(
  'istio',
  contractSetup(() => env, 'istio', exampleCanary('istio-canary.yaml'), missingVs),
);
describeRouterContract(
  'smi:istio (v1alpha1)',
  contractSetup(() => env, 'smi:istio', guideCanary(), missingTs),
);
describeRouterContract(
  'osm (v1alpha2)',
  contractSetup(() => env, 'osm', guideCanary(), missingTs),
);
describeRouterContract(
  'smi:v1alpha3:linkerd',
  contractSetup(() => env, 'smi:v1alpha3:linkerd', guideCanary(), missingTs),
);
describeRouterContract(
  'kubernetes (nop)',
  contractSetup(() => env, 'kubernetes', guideCanary()),
);
