import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

/** "If you apply new changes to the deployment during the canary analysis, Flagger will restart the analysis." */
describe('a new revision in the middle of a run', () => {
  let world: OperatorHarness;
  let successRate = 99.5;
  let before: { lastAppliedSpec?: string; failedChecks?: number; canaryWeight?: number };
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, () => successRate).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(guideCanary());
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.canaryWeight === 30);
    successRate = 50;
    await world.tickUntil((c) => c.status?.failedChecks === 2);
    const status = (await world.canary()).status;
    before = {
      lastAppliedSpec: status?.lastAppliedSpec,
      failedChecks: status?.failedChecks,
      canaryWeight: status?.canaryWeight,
    };
    successRate = 99.5;
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.2');
    await world.tick();
  });
  afterAll(async () => world.stop());

  it('restarts the analysis: routes back to 100/0, counters zero, the new revision applied', async () => {
    expect(before).toMatchObject({ failedChecks: 2, canaryWeight: 30 });
    expect(world.messages().at(-1)).toBe(
      'Normal New revision detected! Restarting analysis for podinfo.test',
    );
    expect(await world.routes()).toBe('100/0');
    const status = (await world.canary()).status;
    expect(status).toMatchObject({ phase: 'Progressing', canaryWeight: 0, failedChecks: 0, iterations: 0 });
    expect(status?.lastAppliedSpec).not.toBe(before.lastAppliedSpec);
    // The canary keeps running: the analysis of the new revision starts at the next tick.
    expect((await world.deployment('podinfo')).spec.replicas).toBe(1);
  });

  it('then promotes the newest revision from weight 10', async () => {
    const from = world.recorded.length;
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    expect(world.messages().slice(from, from + 3)).toEqual([
      'Normal Starting canary analysis for podinfo.test',
      'Normal Advance podinfo.test canary weight 10',
      'Normal Advance podinfo.test canary weight 20',
    ]);
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.2');
    expect(await world.routes()).toBe('100/0');
  });
});
