import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

/** `skipAnalysis: true`: the next tick promotes without analysis, whatever the metrics say. */
describe('skip analysis', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    // Metrics that would fail every check: skipping must not look at them.
    world.prometheus.answer(istioQueries.successRate, 10).answer(istioQueries.duration, 9000);
    await world.applyPodinfo();
    await world.apply(guideCanary({ analysis: { threshold: 10 } }));
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.failedChecks === 2);
  });
  afterAll(async () => world.stop());

  it('switched on in the middle of a failing run, promotes at the next tick', async () => {
    expect(await world.routes()).toBe('90/10');
    await world.patchCanary({ skipAnalysis: true });
    const queries = world.prometheus.received.length;
    await world.tick();
    expect(world.messages().slice(-2)).toEqual([
      'Normal Copying podinfo.test template spec to podinfo-primary.test',
      'Normal Promotion completed! Canary analysis was skipped for podinfo.test',
    ]);
    expect(world.prometheus.received.length).toBe(queries);
    expect((await world.canary()).status).toMatchObject({
      phase: 'Succeeded',
      canaryWeight: 0,
      failedChecks: 2,
    });
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect(await world.routes()).toBe('100/0');
    expect((await world.deployment('podinfo')).spec.replicas).toBe(0);
  });

  it('promotes the next revision at once: detection tick, then promotion tick', async () => {
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.2');
    const from = world.recorded.length;
    await world.tickUntil((c) => c.status?.phase === 'Succeeded', 2);
    expect(world.messages().slice(from)).toEqual([
      'Normal New revision detected! Scaling up podinfo.test',
      'Normal Copying podinfo.test template spec to podinfo-primary.test',
      'Normal Promotion completed! Canary analysis was skipped for podinfo.test',
    ]);
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.2');
    expect(world.prometheus.received.filter((q) => q.query !== 'vector(1)')).toHaveLength(2 * 2);
  });
});
