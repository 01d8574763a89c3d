import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLoadTester, startLoadTester } from '../../src/loadtester/loadtester-server.js';
import { MemoryLogger } from '../../src/platform/logger.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

/** `POST /gate/<action>` on the load tester with the canary's identity, as an operator does by hand. */
async function gate(loadTester: RunningLoadTester, action: 'open' | 'close'): Promise<void> {
  const response = await fetch(`${loadTester.url}/gate/${action}`, {
    method: 'POST',
    body: JSON.stringify({ name: 'podinfo', namespace: 'test' }),
  });
  expect(response.status).toBe(202);
}

/** Manual gating with Weir's own load tester: confirm-rollout and confirm-promotion on `/gate/check`. */
describe('confirm-rollout and confirm-promotion gates (load tester /gate/check)', () => {
  let world: OperatorHarness;
  let loadTester: RunningLoadTester;
  beforeAll(async () => {
    loadTester = await startLoadTester({
      host: '127.0.0.1',
      port: 0,
      timeoutMs: 60_000,
      logger: new MemoryLogger(),
    });
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(
      guideCanary({
        analysis: {
          webhooks: [
            { name: 'confirm-rollout', type: 'confirm-rollout', url: `${loadTester.url}/gate/check` },
            { name: 'confirm-promotion', type: 'confirm-promotion', url: `${loadTester.url}/gate/check` },
          ],
        },
      }),
    );
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
  });
  afterAll(async () => {
    await world.stop();
    await loadTester.stop();
  });

  it('a closed gate holds a new revision in Waiting, once said, without scaling the canary up', async () => {
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    const from = world.recorded.length;
    await world.tick();
    await world.tick();
    expect(world.recorded.slice(from)).toEqual([
      {
        type: 'Warning',
        phase: 'Waiting',
        message: 'Halt podinfo.test advancement waiting for approval confirm-rollout',
      },
    ]);
    const canary = await world.canary();
    expect(canary.status).toMatchObject({ phase: 'Waiting', canaryWeight: 0 });
    expect(canary.status?.conditions?.[0]).toMatchObject({
      reason: 'Waiting',
      message: 'Waiting for approval.',
    });
    expect((await world.deployment('podinfo')).spec.replicas).toBe(0);
    expect(await world.routes()).toBe('100/0');
  });

  it('opening it starts the run', async () => {
    await gate(loadTester, 'open');
    const from = world.recorded.length;
    await world.tick();
    expect(world.messages().slice(from)).toEqual([
      'Normal Confirm-rollout check confirm-rollout passed',
      'Normal New revision detected! Scaling up podinfo.test',
    ]);
    expect((await world.canary()).status?.phase).toBe('Progressing');
    expect((await world.deployment('podinfo')).spec.replicas).toBe(1);
  });

  it('a closed gate at maxWeight holds the run in WaitingPromotion, keeping the weight (§9.3 #9)', async () => {
    await world.tickUntil((c) => c.status?.canaryWeight === 40);
    await gate(loadTester, 'close');
    await world.tickUntil((c) => c.status?.phase === 'WaitingPromotion', 3);
    const from = world.recorded.length - 1;
    await world.tick();
    await world.tick();
    expect(world.recorded.slice(from)).toEqual([
      {
        type: 'Warning',
        phase: 'WaitingPromotion',
        message: 'Halt podinfo.test advancement waiting for promotion approval confirm-promotion',
      },
    ]);
    // Flagger would show canaryWeight 0 while 50 % of the traffic still reaches the canary.
    expect((await world.canary()).status).toMatchObject({ phase: 'WaitingPromotion', canaryWeight: 50 });
    expect(await world.routes()).toBe('50/50');
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.0');
  });

  it('keeps analysing while it waits, and opening the gate promotes', async () => {
    const queries = world.prometheus.received.length;
    await world.tick();
    expect(world.prometheus.received.length).toBeGreaterThan(queries);
    await gate(loadTester, 'open');
    const from = world.recorded.length;
    await world.tick();
    expect(world.messages().slice(from)).toEqual([
      'Normal Confirm-promotion check confirm-promotion passed',
      'Normal Copying podinfo.test template spec to podinfo-primary.test',
    ]);
    expect((await world.canary()).status?.phase).toBe('Promoting');
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
  });
});
