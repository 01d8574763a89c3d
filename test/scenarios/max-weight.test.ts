import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

/** Runs a promotion of the applied canary, returning the VirtualService weights after each tick of the run. */
async function weightsOf(world: OperatorHarness): Promise<string[]> {
  world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
  await world.applyPodinfo();
  await world.tickUntil((c) => c.status?.phase === 'Initialized');
  await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
  const seen: string[] = [];
  for (let i = 0; i < 12 && (await world.canary()).status?.phase !== 'Succeeded'; i++) {
    await world.tick();
    seen.push(`${(await world.canary()).status?.phase} ${await world.routes()}`);
  }
  return seen;
}

/** `maxWeight` is a promise: the canary never gets more (Flagger's step 20 / max 50 gives 20, 40, 60 — §9.3 #7). */
describe('maxWeight is never overshot: stepWeight 20, maxWeight 50', () => {
  let world: OperatorHarness;
  let seen: string[];
  beforeAll(async () => {
    world = await OperatorHarness.start();
    await world.apply(guideCanary({ analysis: { stepWeight: 20, maxWeight: 50 } }));
    seen = await weightsOf(world);
  });
  afterAll(async () => world.stop());

  it('goes 20, 40, 50, then promotes', () => {
    expect(seen).toEqual([
      'Progressing 100/0',
      'Progressing 80/20',
      'Progressing 60/40',
      'Progressing 50/50',
      'Promoting 50/50',
      'Finalising 100/0',
      'Succeeded 100/0',
    ]);
    expect(world.messages().filter((m) => m.includes('canary weight'))).toEqual([
      'Normal Advance podinfo.test canary weight 20',
      'Normal Advance podinfo.test canary weight 40',
      'Normal Advance podinfo.test canary weight 50',
    ]);
  });
});
