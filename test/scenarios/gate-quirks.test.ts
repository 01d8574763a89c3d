import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CanaryWebhook } from '../../src/apis/index.js';
import { type HttpRecorder, startHttpRecorder } from '../support/http-recorder.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

/** A world with `hooks`, initialized, a new revision applied (not yet detected). */
async function withHooks(hooks: CanaryWebhook[]): Promise<OperatorHarness> {
  const world = await OperatorHarness.start();
  world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
  await world.applyPodinfo();
  await world.apply(guideCanary({ analysis: { webhooks: hooks } }));
  await world.tickUntil((c) => c.status?.phase === 'Initialized');
  await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
  return world;
}

/** Gate semantics Weir keeps from Flagger on purpose (docs/compatibility.md, §9.3 #5 and #6). */
describe('Flagger gate quirks Weir keeps', () => {
  let receiver: HttpRecorder;
  let world: OperatorHarness;
  beforeAll(async () => {
    receiver = await startHttpRecorder();
  });
  afterEach(async () => {
    receiver.reset();
    await world?.stop();
  });
  afterAll(async () => receiver.close());

  it('§9.3 #5: a Waiting canary never asks its rollback hooks (nothing has moved yet)', async () => {
    world = await withHooks([
      { name: 'approve', type: 'confirm-rollout', url: receiver.url('/approve') },
      { name: 'abort', type: 'rollback', url: receiver.url('/abort') },
    ]);
    receiver.respondWith((r) => (r.path === '/approve' ? { status: 403 } : { status: 200 }));
    for (let i = 0; i < 3; i++) await world.tick();
    expect((await world.canary()).status?.phase).toBe('Waiting');
    expect(receiver.received('/approve')).toHaveLength(3);
    expect(receiver.received('/abort')).toEqual([]);
    expect(await world.routes()).toBe('100/0');
  });

  it('§9.3 #6: confirm-traffic-increase also gates the promotion at maxWeight', async () => {
    world = await withHooks([{ name: 'more', type: 'confirm-traffic-increase', url: receiver.url('/more') }]);
    await world.tickUntil((c) => c.status?.canaryWeight === 50);
    receiver.respondWith(() => ({ status: 403 }));
    await world.tick();
    expect(world.messages().at(-1)).toBe(
      'Warning Halt podinfo.test advancement waiting for traffic increase approval more',
    );
    expect((await world.canary()).status).toMatchObject({ phase: 'Progressing', canaryWeight: 50 });
    receiver.respondWith(() => ({ status: 200 }));
    await world.tick();
    expect(world.messages().slice(-2)).toEqual([
      'Normal Confirm-traffic-increase check more passed',
      'Normal Copying podinfo.test template spec to podinfo-primary.test',
    ]);
  });
});
