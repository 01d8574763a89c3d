import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterReader } from '../../../src/kube/cluster-reader.js';
import type { KubeObject, ObjectRef } from '../../../src/kube/kube-object.js';
import { IstioRouter } from '../../../src/routers/istio/istio-router.js';
import { VirtualServiceType } from '../../../src/routers/istio/istio-types.js';
import { CountingKubeClient } from '../../support/counting-kube-client.js';
import { eventually } from '../../support/eventually.js';
import { edit, exampleCanary } from './canaries.js';
import { istioWorld } from './istio-world.js';
import { type RouterEnv, startRouterEnv } from './router-env.js';

let env: RouterEnv;
beforeAll(async () => {
  env = await startRouterEnv();
});
afterAll(() => env?.stop());

describe('IstioRouter takeover, finalize and errors', () => {
  const userSpec = {
    hosts: ['podinfo'],
    http: [{ route: [{ destination: { host: 'podinfo' } }], timeout: '5s' }],
  };

  it('takes over a VirtualService the user wrote, remembering its spec, and restores it on finalize', async () => {
    const w = await istioWorld(env, exampleCanary('istio-canary.yaml'));
    await env.raw.create({
      ...VirtualServiceType,
      metadata: { name: 'podinfo', namespace: w.namespace },
      spec: userSpec,
    });
    await eventually(() => expect(w.cachedVs()).toBeDefined());
    await expect(w.router.getRoutes(w.canary)).rejects.toMatchObject({
      code: 'routes-missing',
      message: `VirtualService podinfo.${w.namespace} does not contain routes for podinfo-primary and podinfo-canary`,
    });

    await w.router.reconcile(w.canary);
    const taken = (await w.vs())!;
    expect(
      JSON.parse(taken.metadata.annotations?.['flagger.kubernetes.io/original-configuration'] ?? ''),
    ).toEqual(userSpec);
    expect(taken.metadata.ownerReferences).toBeUndefined();
    expect(await w.router.getRoutes(w.canary)).toEqual({ primary: 100, canary: 0, mirrored: false });

    // A later spec change keeps what was recorded at takeover.
    await w.router.reconcile(
      edit(w.canary, (c) => {
        c.spec.service!.timeout = '9s';
      }),
    );
    const edited = (await w.vs())!;
    expect(edited.metadata.annotations?.['flagger.kubernetes.io/original-configuration']).toBe(
      taken.metadata.annotations?.['flagger.kubernetes.io/original-configuration'],
    );

    await w.router.finalize(w.canary);
    expect((await w.vs())?.spec).toEqual(userSpec);
    w.stack.stop();
  });

  it("restores kubectl's last applied spec on finalize", async () => {
    const w = await istioWorld(env, exampleCanary('istio-canary.yaml'));
    const applied = {
      ...VirtualServiceType,
      metadata: { name: 'podinfo', namespace: w.namespace },
      spec: userSpec,
    };
    await env.raw.create({
      ...applied,
      metadata: {
        ...applied.metadata,
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied) },
      },
    });
    await eventually(() => expect(w.cachedVs()).toBeDefined());
    await w.router.reconcile(w.canary);
    const taken = (await w.vs())!;
    expect(taken.metadata.annotations?.['flagger.kubernetes.io/original-configuration']).toBeUndefined();
    expect(taken.spec.hosts).toEqual(['app.example.com', 'podinfo']);
    await w.router.finalize(w.canary);
    expect((await w.vs())?.spec).toEqual(userSpec);
    w.stack.stop();
  });

  it('leaves its own VirtualService alone on finalize (warning), and fails finalize when it is missing', async () => {
    const w = await istioWorld(env, exampleCanary('istio-canary.yaml'));
    await expect(w.router.finalize(w.canary)).rejects.toMatchObject({ code: 'routing-object-missing' });
    await w.router.reconcile(w.canary);
    await w.router.reconcile(
      edit(w.canary, (c) => {
        c.spec.service!.timeout = '9s';
      }),
    );
    const before = w.stack.counting.total();
    await w.router.finalize(w.canary);
    expect(w.stack.counting.total()).toBe(before);
    expect(w.stack.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: `VirtualService podinfo.${w.namespace} original configuration not found, unable to revert`,
      }),
    );
    w.stack.stop();
  });
});

describe('IstioRouter with a stale cache', () => {
  /** A reader frozen at `objects`, as a cache is between a change and its watch event. */
  function frozenReader(objects: KubeObject[]): ClusterReader {
    return {
      get: <T extends KubeObject>(ref: ObjectRef) =>
        objects.find((o) => o.kind === ref.kind && o.metadata.name === ref.name) as T | undefined,
      list: () => [],
    };
  }

  it('corrects itself with one fresh read on Conflict and on AlreadyExists', async () => {
    const w = await istioWorld(env, exampleCanary('istio-canary.yaml'));
    await w.router.reconcile(w.canary);
    const old = (await w.vs())!;
    await env.raw.replace({ ...old, metadata: { ...old.metadata, labels: { touched: 'yes' } } });

    const counting = new CountingKubeClient(w.stack.deps.client);
    const stale = new IstioRouter({ ...w.stack.deps, client: counting, reader: frozenReader([old]) });
    await stale.setRoutes(w.canary, { primary: 80, canary: 20, mirrored: false });
    expect(counting.total()).toBe(3); // replace (409), get, replace
    expect((await w.vs())?.spec.http?.[0]?.route?.map((r) => r.weight)).toEqual([80, 20]);

    const empty = new CountingKubeClient(w.stack.deps.client);
    const blind = new IstioRouter({ ...w.stack.deps, client: empty, reader: frozenReader([]) });
    await blind.reconcile(
      edit(w.canary, (c) => {
        c.spec.service!.timeout = '11s';
      }),
    );
    expect((await w.vs())?.spec.http?.[0]?.timeout).toBe('11s');
    expect((await w.vs())?.spec.http?.[0]?.route?.map((r) => r.weight)).toEqual([80, 20]);
  });
});
