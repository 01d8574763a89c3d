import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/kube/kube-object.js';
import { withIterations } from '../support/iteration-canaries.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { virtualServiceType } from '../support/routes.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

interface Service extends KubeObject {
  spec: { selector?: Record<string, string> };
}

const service = (name: string) => ({ apiVersion: 'v1', kind: 'Service', namespace: 'test', name });

/** Runs a new revision to Succeeded; answers the events after initialization. */
async function promote(world: OperatorHarness): Promise<string[]> {
  await world.tickUntil((c) => c.status?.phase === 'Initialized');
  await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
  await world.tickUntil((c) => c.status?.phase === 'Succeeded', 20);
  return world.messages().slice(world.messages().indexOf('Normal Initialization done! podinfo.test') + 1);
}

/** Blue/Green on Istio (§2.8 runBlueGreen): N iterations without traffic, one tick with all of it, promotion. */
describe('Blue/Green on Istio', () => {
  let world: OperatorHarness;
  let run: string[];
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(withIterations(guideCanary(), 3));
    run = await promote(world);
  });
  afterAll(async () => world.stop());

  it('keeps all traffic on the primary during the iterations, then routes it all to the canary before promoting', () => {
    expect(run).toEqual([
      'Normal New revision detected! Scaling up podinfo.test',
      'Normal Starting canary analysis for podinfo.test',
      'Normal Advance podinfo.test canary iteration 1/3',
      'Normal Advance podinfo.test canary iteration 2/3',
      'Normal Advance podinfo.test canary iteration 3/3',
      'Normal Routing all traffic to canary',
      'Normal Copying podinfo.test template spec to podinfo-primary.test',
      'Normal Routing all traffic to primary',
      'Normal Promotion completed! Scaling down podinfo.test',
    ]);
  });

  it('promotes the new image and ends at 100/0', async () => {
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect(await world.routes()).toBe('100/0');
  });
});

/** Blue/Green on Istio, traffic observed after each tick. */
describe('Blue/Green on Istio: routes tick by tick', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(withIterations(guideCanary(), 2));
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
  });
  afterAll(async () => world.stop());

  it('no traffic reaches the canary until "Routing all traffic to canary"', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) {
      await world.tick();
      const status = (await world.canary()).status;
      seen.push(`${status?.phase} iterations=${status?.iterations} routes=${await world.routes()}`);
    }
    expect(seen).toEqual([
      'Progressing iterations=0 routes=100/0',
      'Progressing iterations=1 routes=100/0',
      'Progressing iterations=2 routes=100/0',
      // `Routing all traffic to canary`: the iteration counter goes one past the iterations.
      'Progressing iterations=3 routes=0/100',
      'Promoting iterations=3 routes=0/100',
      'Finalising iterations=0 routes=100/0',
      'Succeeded iterations=0 routes=100/0',
    ]);
  });
});

/**
 * The `kubernetes` provider (§2.4 step 30, §2.8): no routing objects, so Blue/Green through the generated
 * Services only — the apex selects the primary pods throughout and the promotion replaces them. Without
 * iterations Flagger warns and runs 10; an A/B match is dropped with a warning.
 */
describe('Blue/Green with the kubernetes provider', () => {
  let world: OperatorHarness;
  let run: string[];
  beforeAll(async () => {
    world = await OperatorHarness.start();
    await world.applyPodinfo();
    await world.apply(
      guideCanary({
        spec: { provider: 'kubernetes' },
        analysis: { metrics: [], match: [{ headers: { 'x-canary': { exact: 'insider' } } }] },
      }),
    );
    run = await promote(world);
  });
  afterAll(async () => world.stop());

  it("warns on every analysis tick (Flagger's §9.3 #21), runs 10 iterations and promotes without moving traffic", () => {
    const warnings = [
      'Warning A/B testing is not supported when using the kubernetes provider',
      'Warning Progressive traffic is not supported when using the kubernetes provider',
      'Warning Setting canaryAnalysis.iterations: 10',
    ];
    expect(run).toEqual([
      'Normal New revision detected! Scaling up podinfo.test',
      'Normal Starting canary analysis for podinfo.test',
      ...warnings,
      'Normal Advance podinfo.test canary iteration 1/10',
      ...Array.from({ length: 9 }, (_, i) => [
        ...warnings,
        `Normal Advance podinfo.test canary iteration ${i + 2}/10`,
      ]).flat(),
      // The eleventh tick would route all traffic to the canary: with no router, it only counts.
      ...warnings,
      ...warnings,
      'Normal Copying podinfo.test template spec to podinfo-primary.test',
      'Normal Promotion completed! Scaling down podinfo.test',
    ]);
    expect(run).not.toContain('Normal Routing all traffic to canary');
    expect(run).not.toContain('Normal Routing all traffic to primary');
  });

  it('keeps the apex Service on the primary pods, writes no VirtualService, and promotes the new image', async () => {
    expect((await world.get<Service>(service('podinfo')))?.spec.selector).toEqual({ app: 'podinfo-primary' });
    expect((await world.get<Service>(service('podinfo-primary')))?.spec.selector).toEqual({
      app: 'podinfo-primary',
    });
    expect((await world.get<Service>(service('podinfo-canary')))?.spec.selector).toEqual({ app: 'podinfo' });
    expect(await world.get({ ...virtualServiceType, namespace: 'test', name: 'podinfo' })).toBeUndefined();
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect((await world.deployment('podinfo')).spec.replicas).toBe(0);
  });
});
