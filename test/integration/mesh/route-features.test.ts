import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { seededRandom } from '../../../src/local/mesh/balancing.js';
import { eventually } from '../../support/eventually.js';
import {
  canaryWorld,
  exampleCanary,
  flaggerVirtualService,
  metricsWhere,
  requestsOf,
  routed,
} from './canary-world.js';
import { countByWorkload, type MeshEnv, startMeshEnv } from './mesh-env.js';

function virtualService(
  namespace: string,
  spec: object,
  apiVersion = 'networking.istio.io/v1beta1',
): KubeObject {
  return { apiVersion, kind: 'VirtualService', metadata: { name: 'podinfo', namespace }, spec } as KubeObject;
}

const primaryRoute = { destination: { host: 'podinfo-primary' }, weight: 100 };

describe('mesh: VirtualService route features', () => {
  let env: MeshEnv;
  beforeAll(async () => {
    env = await startMeshEnv('127.80');
    env.setRandom(seededRandom(11));
  });
  afterAll(async () => {
    await env?.stop();
  });

  it("routes A/B by header and cookie matches, first matching route first (Flagger's istio-abtest example)", async () => {
    const { namespace: ns } = await canaryWorld(env, 'ab');
    const canary = exampleCanary('istio-abtest.yaml', ns);
    canary.spec.service = { ...canary.spec.service!, hosts: [`ab-${ns}.example.com`] };
    // During A/B testing Flagger routes 100% of the matching requests to the canary.
    await env.create(flaggerVirtualService(canary, { primary: 0, canary: 100, mirrored: false }));
    await routed(env, `http://podinfo.${ns}/`);
    const url = `http://podinfo.${ns}/`;
    // Flagger's cookie regex `^(.*?;)?(type=insider)(;.*)?$` wants no space after a `;`, in Envoy too.
    const insider = { cookie: 'session=1;type=insider;theme=dark' };
    const firefox = {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0',
    };
    expect(countByWorkload(await env.sendMany(50, url, { headers: insider }))).toEqual({ podinfo: 50 });
    expect(countByWorkload(await env.sendMany(50, url, { headers: firefox }))).toEqual({ podinfo: 50 });
    expect(countByWorkload(await env.sendMany(50, url, { headers: { cookie: 'type=insider' } }))).toEqual({
      podinfo: 50,
    });
    expect(
      countByWorkload(await env.sendMany(50, url, { headers: { cookie: 'a=1; type=insider' } })),
    ).toEqual({
      'podinfo-primary': 50,
    });
    // The example's rewrite (uri prefix / → /) keeps paths as they are.
    expect(JSON.parse((await env.send(`${url}api/info?x=1`, { headers: insider })).body).path).toBe(
      '/api/info?x=1',
    );
  });

  it('matches uri prefix, exact and regex, and methods, in route order; 404 when nothing matches', async () => {
    const { namespace: ns } = await canaryWorld(env, 'uri');
    await env.create(
      virtualService(ns, {
        hosts: ['podinfo'],
        http: [
          {
            match: [{ uri: { exact: '/exact' } }, { uri: { regex: '/re/[0-9]+' } }],
            route: [{ destination: { host: 'podinfo-canary' } }],
          },
          {
            match: [{ uri: { prefix: '/api/' }, method: { exact: 'POST' } }],
            route: [{ destination: { host: 'podinfo-canary' } }],
          },
          { match: [{ uri: { prefix: '/api/' } }, { uri: { prefix: '/health' } }], route: [primaryRoute] },
        ],
      }),
    );
    await routed(env, `http://podinfo.${ns}/health`);
    const workloadOf = async (path: string, method = 'GET') =>
      Object.keys(countByWorkload([await env.send(`http://podinfo.${ns}${path}`, { method })]))[0];
    expect(await workloadOf('/exact')).toBe('podinfo');
    expect(await workloadOf('/exact/more')).toBe('status-404');
    expect(await workloadOf('/re/42')).toBe('podinfo');
    expect(await workloadOf('/re/x')).toBe('status-404');
    expect(await workloadOf('/api/items', 'POST')).toBe('podinfo');
    expect(await workloadOf('/api/items')).toBe('podinfo-primary');
    expect(await workloadOf('/other')).toBe('status-404');
  });

  it('mirrors to the canary (mirrorPercentage), discards its answers and counts the copies', async () => {
    const world = await canaryWorld(env, 'mirror');
    const ns = world.namespace;
    const canary = exampleCanary('istio-canary.yaml', ns);
    canary.spec.service = { ...canary.spec.service!, hosts: [`mirror-${ns}.example.com`] };
    await env.create(flaggerVirtualService(canary, { primary: 100, canary: 0, mirrored: true }));
    await routed(env, `http://podinfo.${ns}/`);
    const before = await env.metrics();
    const replies = await env.sendMany(200, `http://podinfo.${ns}/mirrored`, {
      method: 'POST',
      body: 'payload',
    });
    expect(countByWorkload(replies)).toEqual({ 'podinfo-primary': 200 });
    const copies = await eventually(() => {
      const received = world.canary.pods[0]!.received.filter((r) => r.path === '/mirrored');
      expect(received).toHaveLength(200);
      return received;
    });
    expect(copies[0]).toMatchObject({
      method: 'POST',
      body: 'payload',
      headers: { host: `podinfo.${ns}-shadow` },
    });
    await metricsWhere(env, (after) => {
      expect(requestsOf(after, ns, 'podinfo') - requestsOf(before, ns, 'podinfo')).toBe(200);
      expect(requestsOf(after, ns, 'podinfo-primary') - requestsOf(before, ns, 'podinfo-primary')).toBe(200);
    });
  });

  it('samples mirror copies by mirrorPercentage', async () => {
    const world = await canaryWorld(env, 'mirror-pct');
    const ns = world.namespace;
    await env.create(
      virtualService(ns, {
        hosts: ['podinfo'],
        http: [
          { route: [primaryRoute], mirror: { host: 'podinfo-canary' }, mirrorPercentage: { value: 25 } },
        ],
      }),
    );
    await routed(env, `http://podinfo.${ns}/`);
    await env.sendMany(2_000, `http://podinfo.${ns}/sampled`);
    const copies = await eventually(() => {
      const count = world.canary.pods[0]!.received.filter((r) => r.path === '/sampled').length;
      expect(count).toBeGreaterThan(0);
      return count;
    });
    expect(Math.abs((copies / 2_000) * 100 - 25)).toBeLessThan(4);
  });

  it('rewrites the uri and authority and edits request and response headers (route and destination)', async () => {
    const world = await canaryWorld(env, 'edits');
    const ns = world.namespace;
    await env.create(
      virtualService(
        ns,
        {
          hosts: [`podinfo.${ns}.svc.cluster.local`],
          http: [
            {
              match: [{ uri: { prefix: '/v1/' } }],
              rewrite: { uri: '/', authority: 'rewritten.example' },
              headers: {
                request: { set: { 'x-set': 'route' }, add: { 'x-added': 'yes' }, remove: ['x-secret'] },
                response: { set: { 'x-served-by': 'mesh' }, remove: ['x-pod'] },
              },
              route: [
                {
                  ...primaryRoute,
                  headers: { response: { add: { 'set-cookie': 'canary=no; Max-Age=60' } } },
                },
              ],
            },
          ],
        },
        'networking.istio.io/v1alpha3',
      ),
    );
    await routed(env, `http://podinfo.${ns}/v1/ping`);
    const reply = await env.send(`http://podinfo.${ns}/v1/items?page=2`, {
      headers: { 'x-secret': 's', 'x-set': 'client' },
    });
    expect(reply.headers).toMatchObject({ 'x-served-by': 'mesh', 'set-cookie': ['canary=no; Max-Age=60'] });
    expect(reply.headers['x-pod']).toBeUndefined();
    const received = world.primary.pods.flatMap((p) => p.received).find((r) => r.path === '/items?page=2');
    expect(received?.headers).toMatchObject({
      host: 'rewritten.example',
      'x-set': 'route',
      'x-added': 'yes',
    });
    expect(received?.headers['x-secret']).toBeUndefined();
  });

  it('answers 504 after the route timeout', async () => {
    const { namespace: ns } = await canaryWorld(env, 'timeout');
    await env.create(
      virtualService(ns, { hosts: ['podinfo'], http: [{ timeout: '0.2s', route: [primaryRoute] }] }),
    );
    await routed(env, `http://podinfo.${ns}/`);
    const reply = await env.send(`http://podinfo.${ns}/delay/3000`);
    expect(reply).toMatchObject({ status: 504, body: 'upstream request timeout' });
    await metricsWhere(env, (samples) =>
      expect(
        samples.some(
          (s) =>
            s.name === 'istio_requests_total' &&
            s.labels.destination_workload_namespace === ns &&
            s.labels.response_code === '504' &&
            s.labels.response_flags === 'UT',
        ),
      ).toBe(true),
    );
  });

  it('retries as retryOn says, counting each attempt at the destination', async () => {
    const { namespace: ns } = await canaryWorld(env, 'retry');
    await env.create(
      virtualService(ns, {
        hosts: ['podinfo'],
        http: [
          { match: [{ uri: { prefix: '/status/500' } }], retries: { attempts: 0 }, route: [primaryRoute] },
          { retries: { attempts: 3, retryOn: 'gateway-error' }, route: [primaryRoute] },
        ],
      }),
    );
    await routed(env, `http://podinfo.${ns}/`);
    const before = await env.metrics();
    expect((await env.send(`http://podinfo.${ns}/flaky/2/retrytest`)).status).toBe(200);
    expect((await env.send(`http://podinfo.${ns}/status/503`)).status).toBe(503);
    expect((await env.send(`http://podinfo.${ns}/status/500`)).status).toBe(500);
    await metricsWhere(env, (after) =>
      // flaky: 2 × 503 + 200; 503: 1 + 3 retries; 500: not retried.
      expect(requestsOf(after, ns, 'podinfo-primary') - requestsOf(before, ns, 'podinfo-primary')).toBe(
        3 + 4 + 1,
      ),
    );
  });
});
