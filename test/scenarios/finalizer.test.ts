import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Canary } from '../../src/apis/index.js';
import { CanaryFinalizer } from '../../src/controller/canary-finalizers.js';
import { CanarySync, type SyncOutcome } from '../../src/controller/canary-sync.js';
import type { KubeObject, ObjectRef } from '../../src/kube/kube-object.js';
import { canaryType, deploymentType, OperatorHarness } from '../support/operator-harness.js';
import { virtualServiceType } from '../support/routes.js';
import { guideCanary } from '../support/scenario-canaries.js';

const serviceType = { apiVersion: 'v1', kind: 'Service' } as const;
const destinationRuleType = { apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule' } as const;
type Service = KubeObject & { spec: { selector?: Record<string, string> } };
type VirtualService = KubeObject & { spec: unknown };

/** The Service the user had before the Canary, applied with kubectl (so it carries last-applied-configuration). */
const userService = (namespace: string) => `apiVersion: v1
kind: Service
metadata:
  name: podinfo
  namespace: ${namespace}
spec:
  selector:
    app: podinfo
  ports:
    - name: http
      port: 9898
      targetPort: 9898
`;

/** The VirtualService the user had, created without kubectl apply (Weir records it when taking it over). */
const userVirtualService = {
  hosts: ['podinfo.example.com'],
  http: [{ route: [{ destination: { host: 'podinfo', port: { number: 9898 } } }] }],
};

/**
 * The controller's sync (Flagger's syncHandler) followed by a tick when it allows one. Finalization waits
 * for the target with the injected sleep, which lets the emulated kubelet settle the Deployments.
 */
class Driver {
  readonly sleeps: number[] = [];
  readonly sync: CanarySync;

  constructor(
    readonly world: OperatorHarness,
    options: { wired?: boolean } = {},
  ) {
    // The operator's own wiring, or one whose sleep settles the Deployments (to finalize).
    this.sync = options.wired
      ? world.parts.lifecycle
      : new CanarySync({
          scheduler: world.parts.scheduler,
          sleep: async (ms) => {
            this.sleeps.push(ms);
            await world.settleWorkloads();
            await world.sync();
          },
          minAnalysisIntervalMs: world.config.minAnalysisIntervalMs,
          noCrossNamespaceRefs: world.config.noCrossNamespaceRefs,
        });
  }

  async step(): Promise<SyncOutcome | 'gone'> {
    await this.world.settleWorkloads();
    await this.world.sync();
    const canary = this.world.kube.cache.get<Canary>(this.ref());
    if (!canary) return 'gone';
    const { outcome } = await this.sync.sync(canary);
    if (outcome === 'tick') await this.world.tick();
    await this.world.parts.events.flush();
    return outcome;
  }

  async initialize(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await this.step();
      if ((await this.world.canary()).status?.phase === 'Initialized') return;
    }
    throw new Error('not initialized');
  }

  ref(kind: { apiVersion: string; kind: string } = canaryType, name = 'podinfo'): ObjectRef {
    return { ...kind, namespace: this.world.namespace, name };
  }

  get<T extends KubeObject>(kind: { apiVersion: string; kind: string }, name: string) {
    return this.world.get<T>(this.ref(kind, name));
  }
}

let root: OperatorHarness;
beforeAll(async () => {
  root = await OperatorHarness.start();
});
afterAll(async () => root.stop());

describe('revertOnDeletion: deleting the Canary hands the workload and routing back to the user', () => {
  let world: OperatorHarness;
  let driver: Driver;
  let originalVs: unknown;
  beforeAll(async () => {
    world = root;
    driver = new Driver(world);
    await world.applyPodinfo((deployment) => {
      deployment.spec.replicas = 2;
    });
    await world.api.kubectl.ok(['apply', '-f', '-'], userService(world.namespace));
    await world.raw.create({
      ...virtualServiceType,
      metadata: { name: 'podinfo', namespace: world.namespace },
      spec: userVirtualService,
    });
    originalVs = (await driver.get<VirtualService>(virtualServiceType, 'podinfo'))?.spec;
    await world.apply(guideCanary({ spec: { revertOnDeletion: true } }));
    await driver.initialize();
  });

  it('adds finalizer.flagger.app and takes over the Service and VirtualService while it runs', async () => {
    expect((await world.canary()).metadata.finalizers).toEqual([CanaryFinalizer]);
    expect((await driver.get<Service>(serviceType, 'podinfo'))?.spec.selector).toEqual({
      app: 'podinfo-primary',
    });
    const vs = await driver.get<VirtualService>(virtualServiceType, 'podinfo');
    expect(vs?.metadata.annotations?.['flagger.kubernetes.io/original-configuration']).toBe(
      JSON.stringify(originalVs),
    );
    expect(vs?.spec).not.toEqual(originalVs);
    expect((await world.deployment('podinfo')).spec.replicas).toBe(0);
    expect((await world.deployment('podinfo-primary')).spec.replicas).toBe(2);
  });

  it('keeps the Canary (Terminating) while the target cannot become ready, and says why', async () => {
    await world.raw.delete(driver.ref());
    world.notReady.add('podinfo');
    expect(await driver.step()).toBe('deleting');
    const canary = await world.canary();
    expect(canary.metadata.finalizers).toEqual([CanaryFinalizer]);
    expect(canary.status?.phase).toBe('Terminating');
    expect(canary.status?.message).toMatch(/^canary not ready during finalizing: /);
    // Flagger's backoff: four checks, 3 s doubling, capped at the 10 s analysis interval.
    expect(driver.sleeps).toEqual([3000, 6000, 10000]);
    expect(world.messages().slice(-2)).toEqual([
      'Normal Terminating canary podinfo.test',
      `Warning ${canary.status?.message}`,
    ]);
  });

  it('restores the Service selector, the VirtualService and the replicas, then lets the Canary go', async () => {
    world.notReady.delete('podinfo');
    expect(await driver.step()).toBe('finalized');
    await world.api.server.settled();
    expect(await world.get(driver.ref())).toBeUndefined();
    expect((await driver.get<Service>(serviceType, 'podinfo'))?.spec.selector).toEqual({ app: 'podinfo' });
    expect((await driver.get<VirtualService>(virtualServiceType, 'podinfo'))?.spec).toEqual(originalVs);
    expect((await world.deployment('podinfo')).spec.replicas).toBe(2);
    // Weir writes Terminated before removing the finalizer (Flagger never does, §9.3 #4).
    expect(world.recorded.at(-1)).toEqual({
      type: 'Normal',
      phase: 'Terminated',
      message: 'Terminated canary podinfo.test',
    });
    expect(world.messages().filter((m) => m.includes('Terminating canary'))).toHaveLength(1);
  });

  it("garbage-collects what Weir generated, and nothing of the user's", async () => {
    expect(await driver.get(deploymentType, 'podinfo-primary')).toBeUndefined();
    expect(await driver.get(serviceType, 'podinfo-primary')).toBeUndefined();
    expect(await driver.get(serviceType, 'podinfo-canary')).toBeUndefined();
    expect(await driver.get(destinationRuleType, 'podinfo-primary')).toBeUndefined();
    expect(await driver.get(destinationRuleType, 'podinfo-canary')).toBeUndefined();
    expect(await driver.get(deploymentType, 'podinfo')).toBeDefined();
    expect(await driver.get(serviceType, 'podinfo')).toBeDefined();
    expect(await driver.get(virtualServiceType, 'podinfo')).toBeDefined();
  });
});

describe('deleting a Canary without revertOnDeletion', () => {
  let world: OperatorHarness;
  let driver: Driver;
  beforeAll(async () => {
    world = await OperatorHarness.sibling(root, { namespace: 'collected' });
    driver = new Driver(world, { wired: true });
    await world.applyPodinfo();
    await world.apply(guideCanary({ namespace: 'collected' }));
    await driver.initialize();
  });
  afterAll(async () => world.stop());

  it('has no finalizer, so the Canary goes at once and garbage collection removes what Weir generated', async () => {
    expect((await world.canary()).metadata.finalizers).toBeUndefined();
    const generated: [{ apiVersion: string; kind: string }, string][] = [
      [deploymentType, 'podinfo-primary'],
      [serviceType, 'podinfo'],
      [serviceType, 'podinfo-primary'],
      [serviceType, 'podinfo-canary'],
      [destinationRuleType, 'podinfo-primary'],
      [destinationRuleType, 'podinfo-canary'],
      [virtualServiceType, 'podinfo'],
    ];
    for (const [kind, name] of generated) expect(await driver.get(kind, name), name).toBeDefined();
    await world.raw.delete(driver.ref());
    await world.api.server.settled();
    expect(await world.get(driver.ref())).toBeUndefined();
    for (const [kind, name] of generated) expect(await driver.get(kind, name), name).toBeUndefined();
    // As in Flagger, the target stays as the canary left it (scaled to zero).
    expect((await world.deployment('podinfo')).spec.replicas).toBe(0);
    expect(await driver.step()).toBe('gone');
  });
});

describe('opting out of revertOnDeletion', () => {
  let world: OperatorHarness;
  let driver: Driver;
  beforeAll(async () => {
    world = await OperatorHarness.sibling(root, { namespace: 'opt-out' });
    driver = new Driver(world, { wired: true });
    await world.applyPodinfo();
    await world.apply(guideCanary({ namespace: 'opt-out', spec: { revertOnDeletion: true } }));
    await driver.initialize();
  });
  afterAll(async () => world.stop());

  it('removes the finalizer when revertOnDeletion goes back to false; deletion then finalizes nothing', async () => {
    expect((await world.canary()).metadata.finalizers).toEqual([CanaryFinalizer]);
    await world.patchCanary({ revertOnDeletion: false });
    expect(await driver.step()).toBe('tick');
    expect((await world.canary()).metadata.finalizers).toBeUndefined();
    expect(world.logger.lines.map((l) => l.msg)).toContain('podinfo.opt-out opting out, deleting finalizers');
    await world.raw.delete(driver.ref());
    expect(await world.get(driver.ref())).toBeUndefined();
    expect(world.messages().filter((m) => m.includes('Terminat'))).toEqual([]);
  });
});

describe("the controller's verifyCanary", () => {
  let world: OperatorHarness;
  let driver: Driver;
  beforeAll(async () => {
    world = await OperatorHarness.sibling(root, { namespace: 'verify', flags: ['-no-cross-namespace-refs'] });
    driver = new Driver(world, { wired: true });
    await world.applyPodinfo();
  });
  afterAll(async () => world.stop());

  it('reports equal cookie names and cross-namespace templates as a Warning and in the status, and never ticks', async () => {
    await world.apply(
      guideCanary({
        namespace: 'verify',
        analysis: {
          sessionAffinity: { cookieName: 'flagger-cookie', primaryCookieName: 'flagger-cookie' },
          metrics: [
            {
              name: 'latency',
              templateRef: { name: 'latency', namespace: 'istio-system' },
              thresholdRange: { max: 500 },
              interval: '1m',
            },
          ],
        },
      }),
    );
    expect(await driver.step()).toBe('invalid');
    const expected =
      "invalid canary spec: can't access metric template latency.istio-system, cross-namespace references are blocked; " +
      "can't use the same cookie name for both primary and cookie name; please update them to be different";
    expect(world.messages()).toEqual([`Warning ${expected}`]);
    expect((await world.canary()).status?.message).toBe(expected);
    expect(await driver.get(deploymentType, 'podinfo-primary')).toBeUndefined();
    const events = await world.kubeEvents();
    expect(events.map((e) => [e.type, e.message])).toContainEqual(['Warning', expected]);
  });

  it('runs the canary once the spec is fixed', async () => {
    await world.patchCanary({
      analysis: {
        sessionAffinity: { cookieName: 'flagger-cookie', primaryCookieName: 'flagger-primary' },
        metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' }],
      },
    });
    expect(await driver.step()).toBe('tick');
    expect(await driver.get(deploymentType, 'podinfo-primary')).toBeDefined();
  });
});
