import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../support/operator-harness.js';
import type { PromAnswer } from '../support/prometheus-stub.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

const successRateHalt =
  'Halt advancement no values found for istio metric request-success-rate probably podinfo.test is not receiving traffic: no values found';
const durationHalt =
  'Halt advancement no values found for istio metric request-duration probably podinfo.test is not receiving traffic';

/** Starts a run whose success-rate query answers `answer`, and ticks to the first analysed step. */
async function runWith(answer: PromAnswer, duration: PromAnswer = 120): Promise<OperatorHarness> {
  const world = await OperatorHarness.start();
  world.prometheus.answer(istioQueries.successRate, answer).answer(istioQueries.duration, duration);
  await world.applyPodinfo();
  await world.apply(guideCanary({ analysis: { threshold: 2 } }));
  await world.tickUntil((c) => c.status?.phase === 'Initialized');
  await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
  await world.tickUntil((c) => c.status?.canaryWeight === 10);
  return world;
}

describe('no data: an empty result or NaN halts and counts as a failed check', () => {
  for (const [label, answer] of [
    ['an empty vector', 'empty'],
    ['NaN', Number.NaN],
  ] as const) {
    describe(label, () => {
      let world: OperatorHarness;
      beforeAll(async () => {
        world = await runWith(answer);
      });
      afterAll(async () => world.stop());

      it("halts with Flagger's message and counts a failed check", async () => {
        await world.tick();
        const canary = await world.canary();
        expect(world.recorded.at(-1)).toEqual({
          type: 'Warning',
          phase: 'Progressing',
          message: successRateHalt,
        });
        expect(canary.status).toMatchObject({ phase: 'Progressing', canaryWeight: 10, failedChecks: 1 });
        expect(canary.status?.checks?.[0]).toMatchObject({
          name: 'request-success-rate',
          outcome: 'no-data',
        });
        expect(canary.status?.checks?.[0]?.value).toBeUndefined();
        expect(canary.status?.message).toBe(successRateHalt);
        expect(await world.routes()).toBe('90/10');
      });

      it('rolls back once the threshold of failed checks is reached', async () => {
        await world.tickUntil((c) => c.status?.phase === 'Failed', 3);
        expect(world.messages().slice(-3)).toEqual([
          `Warning ${successRateHalt}`,
          'Warning Rolling back podinfo.test failed checks threshold reached 2',
          'Warning Canary failed! Scaling down podinfo.test',
        ]);
        expect(await world.routes()).toBe('100/0');
      });
    });
  }

  describe('request-duration without data', () => {
    let world: OperatorHarness;
    beforeAll(async () => {
      world = await runWith(99.9, 'empty');
    });
    afterAll(async () => world.stop());

    it("halts with Flagger's duration wording (no error suffix)", async () => {
      await world.tick();
      expect(world.recorded.at(-1)?.message).toBe(durationHalt);
      expect((await world.canary()).status).toMatchObject({ failedChecks: 1, canaryWeight: 10 });
    });
  });
});
