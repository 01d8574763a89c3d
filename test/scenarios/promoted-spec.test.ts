import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

/**
 * Flagger's lastPromotedSpec rule: putting the target back to the revision the primary runs ("do not trigger
 * a canary deployment on manual rollback") starts nothing, and a failed revision is not retried until a
 * revision arrives that was not the last one applied.
 */
describe('reverting to the promoted spec', () => {
  let world: OperatorHarness;
  let successRate = 99.5;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, () => successRate).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(guideCanary({ analysis: { threshold: 2 } }));
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    successRate = 50;
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.phase === 'Failed');
  });
  afterAll(async () => world.stop());

  it('the failed revision, applied again, is not retried', async () => {
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    const from = world.recorded.length;
    expect([await world.tick(), await world.tick()]).toEqual(['idle', 'idle']);
    expect(world.recorded.slice(from)).toEqual([]);
  });

  it('`kubectl rollout undo` to the promoted revision starts no run and moves nothing', async () => {
    successRate = 99.5;
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.0');
    const from = world.recorded.length;
    const before = (await world.canary()).status;
    expect([await world.tick(), await world.tick()]).toEqual(['idle', 'idle']);
    expect(world.recorded.slice(from)).toEqual([]);
    const status = (await world.canary()).status;
    expect(status).toMatchObject({ phase: 'Failed', lastPromotedSpec: before?.lastPromotedSpec });
    // Recorded as applied, as Flagger's per-tick re-sync of a Failed canary would.
    expect(status?.lastAppliedSpec).toBe(before?.lastPromotedSpec);
    expect(await world.routes()).toBe('100/0');
    expect((await world.deployment('podinfo')).spec.replicas).toBe(0);
  });

  it('after that revert, the once-failed revision is a new revision again', async () => {
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tick();
    expect(world.messages().at(-1)).toBe('Normal New revision detected! Scaling up podinfo.test');
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
  });

  it('reverting to the promoted revision in the middle of a run does not restart it (Flagger hasCanaryRevisionChanged)', async () => {
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.2');
    await world.tickUntil((c) => c.status?.canaryWeight === 10);
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tick();
    expect(world.messages().at(-1)).toBe('Normal Advance podinfo.test canary weight 20');
    expect(await world.routes()).toBe('80/20');
  });
});
