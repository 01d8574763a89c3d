import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Canary } from '../../../src/apis/index.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { KubernetesRouter } from '../../../src/routers/kubernetes/service-router.js';
import { type Service, ServiceType } from '../../../src/routers/kubernetes/service-spec.js';
import type { ServiceRouter } from '../../../src/scheduler/scheduler-deps.js';
import type { TargetMetadata } from '../../../src/targets/workload-target.js';
import { eventually } from '../../support/eventually.js';
import { edit, exampleCanary } from './canaries.js';
import { type RouterEnv, stable, startRouterEnv } from './router-env.js';

let env: RouterEnv;
beforeAll(async () => {
  env = await startRouterEnv();
});
afterAll(() => env?.stop());

/** podinfo's selector label and its other container ports (http 9898 is the target port). */
const podinfo: TargetMetadata = {
  label: 'app',
  value: 'podinfo',
  ports: { grpc: 9999, 'http-metrics': 9797 },
};

async function world(manifest: Canary, namespace?: string) {
  const ns = await env.namespace(namespace ?? 'svc', { exact: namespace !== undefined });
  const canary = await env.createCanary(manifest, ns);
  const stack = await env.stack([ServiceType]);
  const router = new KubernetesRouter(stack.deps);
  const service = (name: string) => env.raw.get<Service>({ ...ServiceType, namespace: ns, name });
  const cached = (name: string) => stack.cache.get<Service>({ ...ServiceType, namespace: ns, name });
  return { namespace: ns, canary, stack, router, service, cached };
}

/** `stable` without the allocated cluster IPs. */
function shape(svc: Service | undefined): unknown {
  const copy = stable(svc) as Service;
  const { clusterIP, clusterIPs, ...spec } = copy.spec as Service['spec'] & { clusterIPs?: string[] };
  return { ...copy, spec: clusterIP === 'None' ? { clusterIP, ...spec } : spec };
}

describe('KubernetesRouter Services (§3.1)', () => {
  it('is the ServiceRouter the scheduler calls', () => {
    const router: ServiceRouter = new KubernetesRouter({} as never);
    expect(router).toBeInstanceOf(KubernetesRouter);
  });

  it('creates <apex>-canary and <apex>-primary at initialization and the apex on reconcile (examples/istio-canary.yaml)', async () => {
    const w = await world(exampleCanary('istio-canary.yaml'), 'test');
    await w.router.initialize(w.canary, podinfo);
    expect(shape(await w.service('podinfo-canary'))).toMatchInlineSnapshot(`
      {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {
          "annotations": {
            "helm.toolkit.fluxcd.io/driftDetection": "disabled",
            "kustomize.toolkit.fluxcd.io/reconcile": "disabled",
          },
          "labels": {
            "app": "podinfo-canary",
          },
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
          "internalTrafficPolicy": "Cluster",
          "ipFamilies": [
            "IPv4",
          ],
          "ipFamilyPolicy": "SingleStack",
          "ports": [
            {
              "name": "http",
              "port": 80,
              "protocol": "TCP",
              "targetPort": 9898,
            },
            {
              "name": "http-metrics",
              "port": 9797,
              "protocol": "TCP",
              "targetPort": 9797,
            },
            {
              "name": "grpc",
              "port": 9999,
              "protocol": "TCP",
              "targetPort": 9999,
            },
          ],
          "selector": {
            "app": "podinfo",
          },
          "sessionAffinity": "None",
          "type": "ClusterIP",
        },
        "status": {
          "loadBalancer": {},
        },
      }
    `);
    const primary = await w.service('podinfo-primary');
    expect(primary?.spec.selector).toEqual({ app: 'podinfo-primary' });
    expect(primary?.metadata.labels).toEqual({ app: 'podinfo-primary' });
    expect(await w.service('podinfo')).toBeUndefined();
    await w.router.reconcile(w.canary, podinfo);
    expect(shape(await w.service('podinfo'))).toMatchInlineSnapshot(`
      {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {
          "annotations": {
            "helm.toolkit.fluxcd.io/driftDetection": "disabled",
            "kustomize.toolkit.fluxcd.io/reconcile": "disabled",
          },
          "labels": {
            "app": "podinfo",
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
          "internalTrafficPolicy": "Cluster",
          "ipFamilies": [
            "IPv4",
          ],
          "ipFamilyPolicy": "SingleStack",
          "ports": [
            {
              "name": "http",
              "port": 80,
              "protocol": "TCP",
              "targetPort": 9898,
            },
            {
              "name": "http-metrics",
              "port": 9797,
              "protocol": "TCP",
              "targetPort": 9797,
            },
            {
              "name": "grpc",
              "port": 9999,
              "protocol": "TCP",
              "targetPort": 9999,
            },
          ],
          "selector": {
            "app": "podinfo-primary",
          },
          "sessionAffinity": "None",
          "type": "ClusterIP",
        },
        "status": {
          "loadBalancer": {},
        },
      }
    `);
    expect(w.stack.logger.lines.map((l) => l.msg)).toEqual([
      'Service podinfo-canary.test created',
      'Service podinfo-primary.test created',
      'Service podinfo.test created',
    ]);

    const before = w.stack.counting.total();
    await w.router.initialize(w.canary, podinfo);
    await w.router.reconcile(w.canary, podinfo);
    expect(w.stack.counting.total()).toBe(before);
    w.stack.stop();
  });

  it('generates headless Services with appProtocol and trafficDistribution', async () => {
    const w = await world(
      edit(exampleCanary('istio-canary.yaml'), (c) => {
        c.spec.service = {
          port: 9898,
          headless: true,
          appProtocol: 'http',
          trafficDistribution: 'PreferClose',
        };
      }),
    );
    await w.router.initialize(w.canary, { ...podinfo, ports: {} });
    await w.router.reconcile(w.canary, { ...podinfo, ports: {} });
    for (const name of ['podinfo', 'podinfo-canary', 'podinfo-primary']) {
      const svc = await w.service(name);
      expect(svc?.spec.clusterIP, name).toBe('None');
      expect(svc?.spec.trafficDistribution, name).toBe('PreferClose');
      expect(svc?.spec.ports, name).toEqual([
        { name: 'http', protocol: 'TCP', port: 9898, targetPort: 9898, appProtocol: 'http' },
      ]);
    }
    w.stack.stop();
  });

  it('renames the port when portName changes and reverts a manual edit', async () => {
    const w = await world(exampleCanary('istio-canary.yaml'));
    await w.router.initialize(w.canary, podinfo);
    await w.router.initialize(
      edit(w.canary, (c) => {
        c.spec.service!.portName = 'grpc-web';
      }),
      podinfo,
    );
    expect((await w.service('podinfo-canary'))?.spec.ports?.[0]?.name).toBe('grpc-web');

    const svc = (await w.service('podinfo-primary'))!;
    await env.raw.replace({
      ...svc,
      spec: { ...svc.spec, ports: [{ name: 'web', port: 8080, protocol: 'TCP', targetPort: 8080 }] },
    });
    await eventually(() => expect(w.cached('podinfo-primary')?.spec.ports?.[0]?.name).toBe('web'));
    await w.router.initialize(w.canary, podinfo);
    expect((await w.service('podinfo-primary'))?.spec.ports?.map((p) => `${p.name}:${p.port}`)).toEqual([
      'http:80',
      'http-metrics:9797',
      'grpc:9999',
    ]);
    w.stack.stop();
  });

  it('corrects a drifted Service without changing the cached copy, and sends nothing when none drifted', async () => {
    const w = await world(exampleCanary('istio-canary.yaml'));
    await w.router.initialize(w.canary, podinfo);
    const svc = (await w.service('podinfo-primary'))!;
    await env.raw.replace({
      ...svc,
      metadata: { ...svc.metadata, labels: { app: 'drifted' } },
      spec: { ...svc.spec, ports: [{ name: 'web', port: 8080, protocol: 'TCP', targetPort: 8080 }] },
    });
    await eventually(() => expect(w.cached('podinfo-primary')?.spec.ports?.[0]?.name).toBe('web'));
    const cached = w.cached('podinfo-primary')!;
    const seen = JSON.stringify(cached);
    await w.router.initialize(w.canary, podinfo);
    expect(JSON.stringify(cached), 'the cached object the update started from').toBe(seen);
    const corrected = (await w.service('podinfo-primary'))!;
    expect(corrected.metadata.labels).toEqual({ app: 'podinfo-primary' });
    expect(corrected.spec.ports?.map((p) => `${p.name}:${p.port}`)).toEqual([
      'http:80',
      'http-metrics:9797',
      'grpc:9999',
    ]);
    await eventually(() =>
      expect(w.cached('podinfo-primary')?.metadata.resourceVersion).toBe(corrected.metadata.resourceVersion),
    );
    const requests = w.stack.counting.total();
    await w.router.initialize(w.canary, podinfo);
    await w.router.reconcile(w.canary, podinfo);
    await w.router.reconcile(w.canary, podinfo);
    // The first reconcile creates the apex Service; the next finds nothing to change.
    expect(w.stack.counting.total() - requests).toBe(1);
    w.stack.stop();
  });

  it('applies custom metadata, keeps unmanaged keys and drops foreign ones on owned Services', async () => {
    const manifest = edit(exampleCanary('istio-canary.yaml'), (c) => {
      c.spec.service!.canary = { labels: { tier: 'canary' }, annotations: { owner: 'web' } };
      c.spec.service!.apex = { labels: { tier: 'apex' } };
      c.spec.service!.unmanagedMetadata = { labels: ['rollout'], annotations: ['linkerd.io/inject'] };
    });
    const w = await world(manifest);
    await w.router.initialize(w.canary, podinfo);
    await w.router.reconcile(w.canary, podinfo);
    const canarySvc = (await w.service('podinfo-canary'))!;
    expect(canarySvc.metadata.labels).toEqual({ app: 'podinfo-canary', tier: 'canary' });
    expect(canarySvc.metadata.annotations).toEqual({
      owner: 'web',
      'helm.toolkit.fluxcd.io/driftDetection': 'disabled',
      'kustomize.toolkit.fluxcd.io/reconcile': 'disabled',
    });
    expect((await w.service('podinfo'))?.metadata.labels).toEqual({ app: 'podinfo', tier: 'apex' });

    await env.raw.replace({
      ...canarySvc,
      metadata: {
        ...canarySvc.metadata,
        labels: { ...canarySvc.metadata.labels, tier: 'changed', rollout: 'blue', foreign: 'x' },
        annotations: { ...canarySvc.metadata.annotations, 'linkerd.io/inject': 'enabled', other: 'y' },
      },
    });
    await eventually(() => expect(w.cached('podinfo-canary')?.metadata.labels?.rollout).toBe('blue'));
    await w.router.initialize(
      edit(w.canary, (c) => {
        c.spec.service!.canary!.annotations = { owner: 'platform' };
      }),
      podinfo,
    );
    const updated = (await w.service('podinfo-canary'))!;
    expect(updated.metadata.labels).toEqual({ app: 'podinfo-canary', tier: 'canary', rollout: 'blue' });
    expect(updated.metadata.annotations).toEqual({
      owner: 'platform',
      'linkerd.io/inject': 'enabled',
      'helm.toolkit.fluxcd.io/driftDetection': 'disabled',
      'kustomize.toolkit.fluxcd.io/reconcile': 'disabled',
    });
    w.stack.stop();
  });
});

describe('KubernetesRouter and an apex Service the user owns', () => {
  function userService(namespace: string, annotations?: Record<string, string>): KubeObject & Service {
    return {
      ...ServiceType,
      metadata: {
        name: 'podinfo',
        namespace,
        labels: { team: 'web' },
        ...(annotations ? { annotations } : {}),
      },
      spec: {
        type: 'NodePort',
        selector: { app: 'podinfo' },
        ports: [{ name: 'http', port: 80, targetPort: 9898, protocol: 'TCP', nodePort: 30080 }],
      },
    };
  }

  it('points it at the primary keeping node ports and metadata, and points it back on finalize', async () => {
    const w = await world(exampleCanary('istio-canary.yaml'));
    await env.raw.create(userService(w.namespace));
    await eventually(() => expect(w.cached('podinfo')).toBeDefined());
    await w.router.reconcile(w.canary, podinfo);
    const taken = (await w.service('podinfo'))!;
    expect(taken.spec.selector).toEqual({ app: 'podinfo-primary' });
    expect(taken.spec.type).toBe('NodePort');
    expect(taken.spec.ports?.find((p) => p.name === 'http')?.nodePort).toBe(30080);
    expect(taken.metadata.labels).toEqual({ team: 'web' });
    expect(taken.metadata.ownerReferences).toBeUndefined();

    await w.router.finalize(w.canary, podinfo);
    expect((await w.service('podinfo'))?.spec.selector).toEqual({ app: 'podinfo' });
    w.stack.stop();
  });

  it('restores the selector kubectl last applied on finalize; leaves owned Services; fails when missing', async () => {
    const w = await world(exampleCanary('istio-canary.yaml'));
    await expect(w.router.finalize(w.canary, podinfo)).rejects.toMatchObject({
      code: 'routing-object-missing',
      message: `service podinfo.${w.namespace} get query error: services "podinfo" not found`,
    });
    const applied = userService(w.namespace);
    applied.spec.selector = { app: 'podinfo', release: 'stable' };
    await env.raw.create(
      userService(w.namespace, {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied),
      }),
    );
    await eventually(() => expect(w.cached('podinfo')).toBeDefined());
    await w.router.reconcile(w.canary, podinfo);
    await w.router.finalize(w.canary, podinfo);
    expect((await w.service('podinfo'))?.spec.selector).toEqual({ app: 'podinfo', release: 'stable' });

    await w.router.initialize(w.canary, podinfo);
    const before = w.stack.counting.total();
    await w.router.finalize(
      edit(w.canary, (c) => {
        c.spec.service!.name = 'podinfo-canary';
      }),
      podinfo,
    );
    expect(w.stack.counting.total()).toBe(before);
    w.stack.stop();
  });

  it('does not touch an apex Service switched to the canary pods', async () => {
    const w = await world(exampleCanary('istio-canary.yaml'));
    const svc = userService(w.namespace);
    svc.spec.selector = { app: 'podinfo-canary' };
    await env.raw.create(svc);
    await eventually(() => expect(w.cached('podinfo')).toBeDefined());
    const before = w.stack.counting.total();
    await w.router.reconcile(w.canary, podinfo);
    expect(w.stack.counting.total()).toBe(before);
    w.stack.stop();
  });
});
