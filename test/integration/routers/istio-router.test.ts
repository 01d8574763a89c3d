import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.js';
import { edit, exampleCanary } from './canaries.js';
import { istioWorld } from './istio-world.js';
import { type RouterEnv, stable, startRouterEnv } from './router-env.js';

let env: RouterEnv;
beforeAll(async () => {
  env = await startRouterEnv();
});
afterAll(() => env?.stop());

describe('IstioRouter objects (§3.2)', () => {
  it('generates the VirtualService and DestinationRules of examples/istio-canary.yaml', async () => {
    const w = await istioWorld(env, exampleCanary('istio-canary.yaml'), { namespace: 'test' });
    await w.router.reconcile(w.canary);
    expect(stable(await w.vs())).toMatchInlineSnapshot(`
      {
        "apiVersion": "networking.istio.io/v1beta1",
        "kind": "VirtualService",
        "metadata": {
          "annotations": {
            "helm.toolkit.fluxcd.io/driftDetection": "disabled",
            "kustomize.toolkit.fluxcd.io/reconcile": "disabled",
          },
          "name": "podinfo",
          "namespace": "test",
          "ownerReferences": [
            {
              "apiVersion": "flagger.app/v1beta1",
              "blockOwnerDeletion": true,
              "controller": true,
              "kind": "Canary",
              "name": "podinfo",
              "uid": "<uid>",
            },
          ],
        },
        "spec": {
          "gateways": [
            "istio-system/public-gateway",
            "mesh",
          ],
          "hosts": [
            "app.example.com",
            "podinfo",
          ],
          "http": [
            {
              "match": [
                {
                  "uri": {
                    "prefix": "/",
                  },
                },
              ],
              "rewrite": {
                "uri": "/",
              },
              "route": [
                {
                  "destination": {
                    "host": "podinfo-primary",
                    "port": {
                      "number": 80,
                    },
                  },
                  "weight": 100,
                },
                {
                  "destination": {
                    "host": "podinfo-canary",
                    "port": {
                      "number": 80,
                    },
                  },
                  "weight": 0,
                },
              ],
              "timeout": "30s",
            },
          ],
        },
      }
    `);
    expect(stable(await w.dr('podinfo-canary'))).toMatchInlineSnapshot(`
      {
        "apiVersion": "networking.istio.io/v1beta1",
        "kind": "DestinationRule",
        "metadata": {
          "name": "podinfo-canary",
          "namespace": "test",
          "ownerReferences": [
            {
              "apiVersion": "flagger.app/v1beta1",
              "blockOwnerDeletion": true,
              "controller": true,
              "kind": "Canary",
              "name": "podinfo",
              "uid": "<uid>",
            },
          ],
        },
        "spec": {
          "host": "podinfo-canary",
          "trafficPolicy": {
            "tls": {
              "mode": "DISABLE",
            },
          },
        },
      }
    `);
    expect(stable(await w.dr('podinfo-primary'))).toMatchInlineSnapshot(`
      {
        "apiVersion": "networking.istio.io/v1beta1",
        "kind": "DestinationRule",
        "metadata": {
          "name": "podinfo-primary",
          "namespace": "test",
          "ownerReferences": [
            {
              "apiVersion": "flagger.app/v1beta1",
              "blockOwnerDeletion": true,
              "controller": true,
              "kind": "Canary",
              "name": "podinfo",
              "uid": "<uid>",
            },
          ],
        },
        "spec": {
          "host": "podinfo-primary",
          "trafficPolicy": {
            "tls": {
              "mode": "DISABLE",
            },
          },
        },
      }
    `);
    expect(w.stack.logger.lines.map((l) => l.msg)).toEqual([
      `DestinationRule podinfo-canary.${w.namespace} created`,
      `DestinationRule podinfo-primary.${w.namespace} created`,
      `VirtualService podinfo.${w.namespace} created`,
    ]);
    w.stack.stop();
  });

  it('rewrites the weights of the single route, and mirrors with mirrorPercentage', async () => {
    const manifest = edit(exampleCanary('istio-canary.yaml'), (c) => {
      c.spec.analysis.mirrorWeight = 25;
    });
    const w = await istioWorld(env, manifest);
    await w.router.reconcile(w.canary);
    await w.router.setRoutes(w.canary, { primary: 90, canary: 10, mirrored: false });
    expect((await w.vs())?.spec.http?.map((r) => r.route)).toEqual([
      [
        { destination: { host: 'podinfo-primary', port: { number: 80 } }, weight: 90 },
        { destination: { host: 'podinfo-canary', port: { number: 80 } }, weight: 10 },
      ],
    ]);
    await w.router.setRoutes(w.canary, { primary: 100, canary: 0, mirrored: true });
    const http = (await w.vs())?.spec.http;
    expect(http).toHaveLength(1);
    expect(http?.[0]?.mirror).toEqual({ host: 'podinfo-canary' });
    expect(http?.[0]?.mirrorPercentage).toEqual({ value: 25 });
    w.stack.stop();
  });

  it('copies headers, CORS policy and retries, and uses the mesh gateway without a destination port by default', async () => {
    const manifest = edit(exampleCanary('istio-canary.yaml'), (c) => {
      c.spec.service = {
        port: 9898,
        portDiscovery: true,
        headers: {
          request: { add: { 'x-envoy-upstream-rq-timeout-ms': '15000' }, remove: ['test'] },
          response: { remove: ['token'] },
        },
        corsPolicy: { allowMethods: ['GET', 'POST'], allowOrigins: [{ exact: 'example.com' }] },
        retries: { attempts: 10, perTryTimeout: '30s', retryOn: 'connect-failure,gateway-error' },
      };
    });
    const w = await istioWorld(env, manifest);
    await w.router.reconcile(w.canary);
    const vs = await w.vs();
    expect(vs?.spec.gateways).toEqual(['mesh']);
    expect(vs?.spec.hosts).toEqual(['podinfo']);
    expect(vs?.spec.http?.[0]).toEqual({
      retries: { attempts: 10, perTryTimeout: '30s', retryOn: 'connect-failure,gateway-error' },
      corsPolicy: { allowMethods: ['GET', 'POST'], allowOrigins: [{ exact: 'example.com' }] },
      headers: {
        request: { add: { 'x-envoy-upstream-rq-timeout-ms': '15000' }, remove: ['test'] },
        response: { remove: ['token'] },
      },
      route: [
        { destination: { host: 'podinfo-primary' }, weight: 100 },
        { destination: { host: 'podinfo-canary' }, weight: 0 },
      ],
    });
    w.stack.stop();
  });

  it('routes A/B tests (examples/istio-abtest.yaml): merged match to the canary, the rest to the primary', async () => {
    const w = await istioWorld(env, exampleCanary('istio-abtest.yaml'), { namespace: 'abtest' });
    await w.router.reconcile(w.canary);
    expect(stable(await w.vs())).toMatchInlineSnapshot(`
      {
        "apiVersion": "networking.istio.io/v1beta1",
        "kind": "VirtualService",
        "metadata": {
          "annotations": {
            "helm.toolkit.fluxcd.io/driftDetection": "disabled",
            "kustomize.toolkit.fluxcd.io/reconcile": "disabled",
          },
          "name": "podinfo",
          "namespace": "abtest",
          "ownerReferences": [
            {
              "apiVersion": "flagger.app/v1beta1",
              "blockOwnerDeletion": true,
              "controller": true,
              "kind": "Canary",
              "name": "podinfo",
              "uid": "<uid>",
            },
          ],
        },
        "spec": {
          "gateways": [
            "istio-system/public-gateway",
            "mesh",
          ],
          "hosts": [
            "app.example.com",
            "podinfo",
          ],
          "http": [
            {
              "match": [
                {
                  "headers": {
                    "cookie": {
                      "regex": "^(.*?;)?(type=insider)(;.*)?$",
                    },
                  },
                  "uri": {
                    "prefix": "/",
                  },
                },
                {
                  "headers": {
                    "user-agent": {
                      "regex": ".*Firefox.*",
                    },
                  },
                  "uri": {
                    "prefix": "/",
                  },
                },
              ],
              "rewrite": {
                "uri": "/",
              },
              "route": [
                {
                  "destination": {
                    "host": "podinfo-primary",
                    "port": {
                      "number": 80,
                    },
                  },
                  "weight": 100,
                },
                {
                  "destination": {
                    "host": "podinfo-canary",
                    "port": {
                      "number": 80,
                    },
                  },
                  "weight": 0,
                },
              ],
              "timeout": "30s",
            },
            {
              "match": [
                {
                  "uri": {
                    "prefix": "/",
                  },
                },
              ],
              "rewrite": {
                "uri": "/",
              },
              "route": [
                {
                  "destination": {
                    "host": "podinfo-primary",
                    "port": {
                      "number": 80,
                    },
                  },
                  "weight": 100,
                },
              ],
              "timeout": "30s",
            },
          ],
        },
      }
    `);
    await w.router.setRoutes(w.canary, { primary: 0, canary: 100, mirrored: false });
    expect((await w.vs())?.spec.http?.map((r) => r.route)).toEqual([
      [
        { destination: { host: 'podinfo-primary', port: { number: 80 } }, weight: 0 },
        { destination: { host: 'podinfo-canary', port: { number: 80 } }, weight: 100 },
      ],
      [{ destination: { host: 'podinfo-primary', port: { number: 80 } }, weight: 0 }],
    ]);
    expect(await w.router.getRoutes(w.canary)).toEqual({ primary: 0, canary: 100, mirrored: false });
    w.stack.stop();
  });

  it('routes TCP services with a tcp route, never mirrored', async () => {
    const manifest = edit(exampleCanary('istio-canary.yaml'), (c) => {
      c.spec.service = { port: 9000, appProtocol: 'TCP', match: [{ port: 9000 }] };
    });
    const w = await istioWorld(env, manifest);
    await w.router.reconcile(w.canary);
    await w.router.setRoutes(w.canary, { primary: 60, canary: 40, mirrored: true });
    const vs = await w.vs();
    expect(vs?.spec.http).toBeUndefined();
    expect(vs?.spec.tcp).toEqual([
      {
        match: [{ port: 9000 }],
        route: [
          { destination: { host: 'podinfo-primary' }, weight: 60 },
          { destination: { host: 'podinfo-canary' }, weight: 40 },
        ],
      },
    ]);
    expect(await w.router.getRoutes(w.canary)).toEqual({ primary: 60, canary: 40, mirrored: false });
    w.stack.stop();
  });

  it('generates a delegate VirtualService without hosts and gateways, and refuses delegation with them', async () => {
    const manifest = edit(exampleCanary('istio-canary.yaml'), (c) => {
      c.spec.service = { port: 9898, portDiscovery: true, delegation: true };
    });
    const w = await istioWorld(env, manifest);
    await w.router.reconcile(w.canary);
    const vs = await w.vs();
    expect(vs?.spec.hosts).toBeUndefined();
    expect(vs?.spec.gateways).toBeUndefined();
    expect(vs?.spec.http?.[0]?.route?.[0]?.destination).toEqual({
      host: 'podinfo-primary',
      port: { number: 9898 },
    });

    const invalid = edit(w.canary, (c) => {
      c.spec.service = { port: 9898, delegation: true, hosts: ['app.example.com'] };
    });
    const before = w.stack.counting.total();
    await expect(w.router.reconcile(invalid)).rejects.toMatchObject({
      code: 'invalid-spec',
      message: `VirtualService podinfo.${w.namespace} cannot have hosts and gateways when delegation enabled`,
    });
    expect(w.stack.counting.total()).toBe(before);
    w.stack.stop();
  });

  it('puts apex metadata on the VirtualService, reverts drift, and sets no owner when told not to', async () => {
    const manifest = edit(exampleCanary('istio-canary.yaml'), (c) => {
      c.spec.service!.apex = { labels: { team: 'web' }, annotations: { note: 'apex' } };
    });
    const w = await istioWorld(env, manifest, { setOwnerRefs: false });
    await w.router.reconcile(w.canary);
    const vs = (await w.vs())!;
    expect(vs.metadata.labels).toEqual({ team: 'web' });
    expect(vs.metadata.annotations).toEqual({
      note: 'apex',
      'helm.toolkit.fluxcd.io/driftDetection': 'disabled',
      'kustomize.toolkit.fluxcd.io/reconcile': 'disabled',
    });
    expect(vs.metadata.ownerReferences).toBeUndefined();
    expect((await w.dr('podinfo-canary'))?.metadata.ownerReferences).toBeUndefined();

    await env.raw.replace({ ...vs, spec: { ...vs.spec, gateways: ['somewhere-else'] } });
    await eventually(() => expect(w.cachedVs()?.spec.gateways).toEqual(['somewhere-else']));
    await w.router.reconcile(w.canary);
    expect((await w.vs())?.spec.gateways).toEqual(['istio-system/public-gateway', 'mesh']);
    w.stack.stop();
  });
});
