import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

/** The guide's "Automated rollback": the canary answers 30 % errors; after `threshold` failed checks it is rolled back. */
describe('rollback at the failed-checks threshold', () => {
  let world: OperatorHarness;
  let primaryBefore: { generation?: number; image?: string };
  const failedChecks: (number | undefined)[] = [];
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 69.17).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(guideCanary());
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    const primary = await world.deployment('podinfo-primary');
    primaryBefore = { generation: primary.metadata.generation, image: await world.image('podinfo-primary') };
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => {
      failedChecks.push(c.status?.failedChecks);
      return c.status?.phase === 'Failed';
    });
  });
  afterAll(async () => world.stop());

  it("halts on each failed check, then rolls back with Flagger's words", () => {
    const run = world
      .messages()
      .slice(world.messages().indexOf('Normal New revision detected! Scaling up podinfo.test'));
    expect(run).toEqual([
      'Normal New revision detected! Scaling up podinfo.test',
      'Normal Starting canary analysis for podinfo.test',
      'Normal Advance podinfo.test canary weight 10',
      ...Array(5).fill('Warning Halt podinfo.test advancement success rate 69.17% < 99%'),
      'Warning Rolling back podinfo.test failed checks threshold reached 5',
      'Warning Canary failed! Scaling down podinfo.test',
    ]);
  });

  it('counts the failed checks in the status while halting', () => {
    // After each tick: detection, first step, five halts, rollback (which zeroes the counters).
    expect(failedChecks).toEqual([0, 0, 1, 2, 3, 4, 5, 0]);
    const halts = world.recorded.filter((e) => e.message.startsWith('Halt'));
    expect(halts.map((e) => e.phase)).toEqual(Array(5).fill('Progressing'));
    const failed = world.recorded.find((e) => e.message.startsWith('Canary failed!'));
    // Flagger emits it on a copy of the canary already marked Failed.
    expect(failed?.phase).toBe('Failed');
  });

  it('ends Failed with all traffic on the untouched primary and the canary scaled to zero', async () => {
    const canary = await world.canary();
    expect(canary.status).toMatchObject({ phase: 'Failed', canaryWeight: 0, failedChecks: 0, iterations: 0 });
    expect(canary.status?.conditions?.[0]).toMatchObject({
      type: 'Promoted',
      status: 'False',
      reason: 'Failed',
      message: 'Canary analysis failed, Deployment scaled to zero.',
    });
    expect(await world.routes()).toBe('100/0');
    expect((await world.deployment('podinfo')).spec.replicas).toBe(0);
    const primary = await world.deployment('podinfo-primary');
    expect({ generation: primary.metadata.generation, image: await world.image('podinfo-primary') }).toEqual(
      primaryBefore,
    );
  });

  it('explains the failure in the status: the failing check with its value and bound', async () => {
    const status = (await world.canary()).status;
    expect(status?.checks?.find((c) => c.name === 'request-success-rate')).toMatchObject({
      outcome: 'fail',
      value: 69.17,
      min: 99,
      message: 'Halt podinfo.test advancement success rate 69.17% < 99%',
    });
    expect(status?.checks?.find((c) => c.name === 'request-duration')).toMatchObject({
      outcome: 'pass',
      value: 120,
    });
    expect(status?.message).toContain('failed checks threshold reached 5');
    expect(status?.message).toContain('success rate 69.17% < 99%');
  });

  it('stays Failed: the failed revision is not retried', async () => {
    const before = (await world.canary()).metadata.resourceVersion;
    const outcomes = [await world.tick(), await world.tick()];
    expect(outcomes).toEqual(['idle', 'idle']);
    expect((await world.canary()).metadata.resourceVersion).toBe(before);
  });
});
