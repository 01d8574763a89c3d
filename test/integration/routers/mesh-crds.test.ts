import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { meshCrdNames, meshCrds } from '../../../src/local/mesh-crds/mesh-crds.js';
import { type RouterEnv, startRouterEnv } from './router-env.js';

let env: RouterEnv;
let ns: string;
beforeAll(async () => {
  env = await startRouterEnv();
  ns = await env.namespace('mesh');
});
afterAll(() => env?.stop());

type Obj = KubeObject & { spec: Record<string, unknown> };
const obj = (apiVersion: string, kind: string, name: string, spec: Record<string, unknown>): Obj => ({
  apiVersion,
  kind,
  metadata: { name },
  spec,
});
/** `object` in the test namespace (created in beforeAll). */
const inNs = (object: Obj): Obj => ({ ...object, metadata: { ...object.metadata, namespace: ns } });

/** What users write: the guide's Gateway, a VirtualService and a DestinationRule using deep Istio fields. */
const gateway = obj('networking.istio.io/v1alpha3', 'Gateway', 'public-gateway', {
  selector: { istio: 'ingressgateway' },
  servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
});
const virtualService = obj('networking.istio.io/v1', 'VirtualService', 'frontend', {
  hosts: ['frontend.example.com'],
  gateways: ['public-gateway'],
  exportTo: ['.'],
  http: [
    {
      name: 'faulty',
      match: [{ uri: { prefix: '/api' }, headers: { 'x-user': { exact: 'tester' } }, ignoreUriCase: true }],
      fault: { delay: { percentage: { value: 0.5 }, fixedDelay: '5s' } },
      route: [{ destination: { host: 'backend', subset: 'v2', port: { number: 8080 } }, weight: 100 }],
      corsPolicy: { allowOrigins: [{ regex: '.*' }], maxAge: '24h' },
    },
    { delegate: { name: 'shared-routes', namespace: 'infra' } },
    { redirect: { uri: '/new', redirectCode: 301 } },
  ],
  tls: [
    {
      match: [{ port: 443, sniHosts: ['frontend.example.com'] }],
      route: [{ destination: { host: 'frontend' } }],
    },
  ],
});
const destinationRule = obj('networking.istio.io/v1beta1', 'DestinationRule', 'backend', {
  host: 'backend',
  trafficPolicy: {
    loadBalancer: { consistentHash: { httpCookie: { name: 'user', ttl: '0s' } } },
    connectionPool: { http: { http1MaxPendingRequests: 10 } },
    outlierDetection: { consecutive5xxErrors: 7, interval: '5m', baseEjectionTime: '15m' },
  },
  subsets: [{ name: 'v2', labels: { version: 'v2' }, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }],
});

describe('the mesh CRDs', () => {
  it('are the four CRDs, served in the versions Istio and the SMI adapters serve', async () => {
    const crds = meshCrds() as (KubeObject & {
      spec: { versions: { name: string; served: boolean; storage: boolean }[]; conversion?: unknown };
    })[];
    expect(crds.map((c) => c.metadata.name).sort()).toEqual([...meshCrdNames]);
    const versions = Object.fromEntries(
      crds.map((c) => [
        c.metadata.name,
        c.spec.versions.map(
          (v) => `${v.name}${v.served ? '' : ' (not served)'}${v.storage ? ' (storage)' : ''}`,
        ),
      ]),
    );
    expect(versions).toEqual({
      'virtualservices.networking.istio.io': ['v1alpha3', 'v1beta1', 'v1 (storage)'],
      'destinationrules.networking.istio.io': ['v1alpha3', 'v1beta1', 'v1 (storage)'],
      'gateways.networking.istio.io': ['v1alpha3', 'v1beta1', 'v1 (storage)'],
      'trafficsplits.split.smi-spec.io': ['v1alpha1', 'v1alpha2', 'v1alpha3 (storage)'],
    });
  });

  it('store what users write unchanged, in any served version', async () => {
    for (const object of [gateway, virtualService, destinationRule]) {
      const created = await env.raw.create(inNs(object));
      expect(created.spec, object.kind).toEqual(object.spec);
      for (const version of ['v1alpha3', 'v1beta1', 'v1']) {
        const read = await env.raw.get<Obj>({
          apiVersion: `networking.istio.io/${version}`,
          kind: object.kind,
          namespace: ns,
          name: object.metadata.name,
        });
        expect(read?.spec, `${object.kind} ${version}`).toEqual(object.spec);
      }
    }
  });

  it('keep the top level of spec typed', async () => {
    const invalid = [
      obj('networking.istio.io/v1beta1', 'VirtualService', 'bad-hosts', { hosts: 'podinfo' }),
      obj('networking.istio.io/v1beta1', 'DestinationRule', 'no-host', { trafficPolicy: {} }),
      obj('networking.istio.io/v1beta1', 'VirtualService', 'bad-weight', {
        http: [{ route: [{ destination: { host: 'a' }, weight: 'ten' }] }],
      }),
    ];
    for (const object of invalid) {
      await expect(env.raw.create(inNs(object)), object.metadata.name).rejects.toMatchObject({
        code: 422,
        reason: 'Invalid',
      });
    }
  });

  it('take quantity weights in v1alpha1 TrafficSplits and integers after', async () => {
    const split = (version: string, name: string, weight: unknown, extra: Record<string, unknown> = {}) =>
      inNs(
        obj(`split.smi-spec.io/${version}`, 'TrafficSplit', name, {
          service: 'podinfo',
          backends: [{ service: 'podinfo-canary', weight }],
          ...extra,
        }),
      );
    expect((await env.raw.create(split('v1alpha1', 'a', '500m'))).spec.backends).toEqual([
      { service: 'podinfo-canary', weight: '500m' },
    ]);
    await env.raw.create(split('v1alpha2', 'b', 10));
    const matches = [{ kind: 'HTTPRouteGroup', name: 'canary' }];
    expect((await env.raw.create(split('v1alpha3', 'c', 10, { matches }))).spec.matches).toEqual(matches);
    await expect(env.raw.create(split('v1alpha2', 'd', '10'))).rejects.toMatchObject({ code: 422 });
  });

  it('print the columns kubectl users know', async () => {
    const table = await env.api.kubectl.ok(['get', 'virtualservices.networking.istio.io', '-n', ns]);
    expect(table).toMatch(/^NAME\s+GATEWAYS\s+HOSTS\s+AGE\n/);
    expect(table).toMatch(/frontend\s+\["public-gateway"\]\s+\["frontend\.example\.com"\]/);
    expect(await env.api.kubectl.ok(['get', 'dr', 'backend', '-n', ns, '--no-headers'])).toMatch(
      /^backend\s+backend\s+/,
    );
  });
});
