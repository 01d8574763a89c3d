import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Canary } from '../../../src/apis/index.js';
import { createMeshRouter, routingTypes } from '../../../src/routers/router-factory.js';
import type { TrafficSplit } from '../../../src/routers/smi/traffic-split.js';
import { eventually } from '../../support/eventually.js';
import { guideCanary } from './canaries.js';
import { routingRefs } from './contract-fixture.js';
import { type RouterEnv, stable, startRouterEnv } from './router-env.js';

let env: RouterEnv;
beforeAll(async () => {
  env = await startRouterEnv();
});
afterAll(() => env?.stop());

/** A namespace holding `manifest`'s Canary, and the router of `provider` over a fresh cache. */
async function world(provider: string, manifest: Canary, namespace?: string) {
  const ns = await env.namespace(namespace ?? 'smi', { exact: namespace !== undefined });
  const canary = await env.createCanary(manifest, ns);
  const stack = await env.stack(routingTypes(provider));
  const router = createMeshRouter(provider, stack.deps);
  const ref = routingRefs(provider, ns)[0]!;
  const split = () => env.raw.get<TrafficSplit>(ref);
  return { namespace: ns, canary, stack, router, ref, split };
}

describe('SmiRouter objects (§3.3) for the Canary of the SMI Istio guide', () => {
  it('smi:istio writes a v1alpha1 TrafficSplit with quantity weights and the Istio gateways annotation', async () => {
    const w = await world('smi:istio', guideCanary(), 'test');
    await w.router.reconcile(w.canary);
    expect(stable(await w.split())).toMatchInlineSnapshot(`
      {
        "apiVersion": "split.smi-spec.io/v1alpha1",
        "kind": "TrafficSplit",
        "metadata": {
          "annotations": {
            "VirtualService.v1alpha3.networking.istio.io/spec.gateways": "["public-gateway.istio-system.svc.cluster.local"]",
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
          "backends": [
            {
              "service": "podinfo-canary",
              "weight": "0",
            },
            {
              "service": "podinfo-primary",
              "weight": "100",
            },
          ],
          "service": "app.example.com",
        },
      }
    `);
    await w.router.setRoutes(w.canary, { primary: 90, canary: 10, mirrored: false });
    expect((await w.split())?.spec.backends).toEqual([
      { service: 'podinfo-canary', weight: '10' },
      { service: 'podinfo-primary', weight: '90' },
    ]);
    expect(w.stack.logger.lines.map((l) => l.msg)).toEqual(['TrafficSplit podinfo.test created']);
    w.stack.stop();
  });

  it('osm writes a v1alpha2 TrafficSplit with integer weights and no annotation', async () => {
    const w = await world('osm', guideCanary(), 'osm');
    await w.router.reconcile(w.canary);
    expect(stable(await w.split())).toMatchInlineSnapshot(`
      {
        "apiVersion": "split.smi-spec.io/v1alpha2",
        "kind": "TrafficSplit",
        "metadata": {
          "name": "podinfo",
          "namespace": "osm",
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
          "backends": [
            {
              "service": "podinfo-canary",
              "weight": 0,
            },
            {
              "service": "podinfo-primary",
              "weight": 100,
            },
          ],
          "service": "app.example.com",
        },
      }
    `);
    w.stack.stop();
  });

  it('smi:v1alpha3:istio writes a v1alpha3 TrafficSplit with the gateways annotation', async () => {
    const w = await world('smi:v1alpha3:istio', guideCanary(), 'v1alpha3');
    await w.router.reconcile(w.canary);
    expect(stable(await w.split())).toMatchInlineSnapshot(`
      {
        "apiVersion": "split.smi-spec.io/v1alpha3",
        "kind": "TrafficSplit",
        "metadata": {
          "annotations": {
            "VirtualService.v1alpha3.networking.istio.io/spec.gateways": "["public-gateway.istio-system.svc.cluster.local"]",
          },
          "name": "podinfo",
          "namespace": "v1alpha3",
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
          "backends": [
            {
              "service": "podinfo-canary",
              "weight": 0,
            },
            {
              "service": "podinfo-primary",
              "weight": 100,
            },
          ],
          "service": "app.example.com",
        },
      }
    `);
    await w.router.setRoutes(w.canary, { primary: 40, canary: 60, mirrored: false });
    expect((await w.split())?.spec.backends).toEqual([
      { service: 'podinfo-canary', weight: 60 },
      { service: 'podinfo-primary', weight: 40 },
    ]);
    w.stack.stop();
  });

  it('uses the apex name as the root service without hosts, and follows a host change keeping the weights', async () => {
    const manifest = guideCanary();
    delete manifest.spec.service!.hosts;
    const w = await world('linkerd', manifest);
    await w.router.reconcile(w.canary);
    expect((await w.split())?.spec.service).toBe('podinfo');
    expect((await w.split())?.metadata.annotations).toBeUndefined();
    await w.router.setRoutes(w.canary, { primary: 80, canary: 20, mirrored: false });
    const withHost = structuredClone(w.canary);
    withHost.spec.service!.hosts = ['podinfo.test.svc.cluster.local'];
    await w.router.reconcile(withHost);
    expect((await w.split())?.spec).toEqual({
      service: 'podinfo.test.svc.cluster.local',
      backends: [
        { service: 'podinfo-canary', weight: '20' },
        { service: 'podinfo-primary', weight: '80' },
      ],
    });
    w.stack.stop();
  });

  it('reads quantities a user wrote, and names both services when a split does not route to them', async () => {
    const w = await world('smi:istio', guideCanary());
    await env.raw.create({
      ...w.ref,
      metadata: { name: 'podinfo', namespace: w.namespace },
      spec: { service: 'podinfo', backends: [{ service: 'podinfo-v1', weight: '100' }] },
    });
    await eventually(() => expect(w.stack.cache.get(w.ref)).toBeDefined());
    await expect(w.router.getRoutes(w.canary)).rejects.toMatchObject({
      code: 'routes-missing',
      message: `TrafficSplit podinfo.${w.namespace} does not contain routes for podinfo-primary and podinfo-canary`,
    });
    const split = (await w.split())!;
    await env.raw.replace({
      ...split,
      spec: {
        ...split.spec,
        backends: [
          { service: 'podinfo-canary', weight: '500m' },
          { service: 'podinfo-primary', weight: 99 },
        ],
      },
    });
    await eventually(async () =>
      expect(await w.router.getRoutes(w.canary)).toEqual({ primary: 99, canary: 1, mirrored: false }),
    );
    w.stack.stop();
  });

  it('ignores a mirroring request with a warning', async () => {
    const w = await world('osm', guideCanary());
    await w.router.reconcile(w.canary);
    await w.router.setRoutes(w.canary, { primary: 100, canary: 0, mirrored: true });
    expect(await w.router.getRoutes(w.canary)).toEqual({ primary: 100, canary: 0, mirrored: false });
    expect(w.stack.logger.lines.some((l) => l.level === 'warn' && /cannot mirror/.test(l.msg))).toBe(true);
    w.stack.stop();
  });
});
