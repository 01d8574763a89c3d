import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CanaryWebhook } from '../../src/apis/index.js';
import { type HttpRecorder, type Reply, startHttpRecorder } from '../support/http-recorder.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

/** A world with `hooks` on the receiver, initialized and with a new revision detected (Progressing at 100/0). */
async function progressing(
  receiver: HttpRecorder,
  hooks: CanaryWebhook[],
  threshold = 2,
): Promise<OperatorHarness> {
  const world = await OperatorHarness.start();
  world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
  await world.applyPodinfo();
  await world.apply(guideCanary({ analysis: { threshold, webhooks: hooks } }));
  await world.tickUntil((c) => c.status?.phase === 'Initialized');
  await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
  await world.tickUntil((c) => c.status?.phase === 'Progressing');
  receiver.reset();
  return world;
}

/** Answers requests to `path` from `replies` in turn (the last one repeats); 200 elsewhere. */
function answer(receiver: HttpRecorder, path: string, ...replies: Reply[]): void {
  let n = 0;
  receiver.respondWith((request) =>
    request.path === path ? (replies[Math.min(n++, replies.length - 1)] ?? {}) : { status: 200 },
  );
}

describe('webhook gates', () => {
  let receiver: HttpRecorder;
  let world: OperatorHarness;
  beforeAll(async () => {
    receiver = await startHttpRecorder();
  });
  beforeEach(() => receiver.reset());
  afterEach(async () => world?.stop());
  afterAll(async () => receiver.close());

  it('pre-rollout failing halts before any traffic moves and counts failed checks, then rolls back', async () => {
    world = await progressing(receiver, [
      { name: 'db-migration', type: 'pre-rollout', url: receiver.url('/pre') },
    ]);
    answer(receiver, '/pre', { status: 500, body: 'migration failed' });
    await world.tick();
    expect(world.messages().slice(-2)).toEqual([
      'Normal Starting canary analysis for podinfo.test',
      'Warning Halt podinfo.test advancement pre-rollout check db-migration failed migration failed',
    ]);
    expect((await world.canary()).status).toMatchObject({ failedChecks: 1, canaryWeight: 0 });
    expect(await world.routes()).toBe('100/0');
    await world.tickUntil((c) => c.status?.phase === 'Failed', 2);
    expect(receiver.received('/pre').map((r) => r.json<{ phase: string }>().phase)).toEqual([
      'Progressing',
      'Progressing',
    ]);
  });

  it('pre-rollout passing on a retry lets the same tick move traffic', async () => {
    world = await progressing(receiver, [
      { name: 'db-migration', type: 'pre-rollout', url: receiver.url('/pre') },
    ]);
    answer(receiver, '/pre', { status: 503, body: 'not yet' }, { status: 204 });
    await world.tick();
    await world.tick();
    expect(world.messages().slice(-3)).toEqual([
      'Normal Starting canary analysis for podinfo.test',
      // Any 2xx passes (Flagger: only ≤ 202, §9.3 #10).
      'Normal Pre-rollout check db-migration passed',
      'Normal Advance podinfo.test canary weight 10',
    ]);
    expect((await world.canary()).status).toMatchObject({ failedChecks: 1, canaryWeight: 10 });
  });

  it('a failing rollout hook is an external check failure, before the metrics', async () => {
    world = await progressing(receiver, [{ name: 'load-test', url: receiver.url('/load') }]);
    await world.tick();
    answer(receiver, '/load', { status: 400, body: 'metadata not found in payload' });
    const queries = world.prometheus.received.length;
    await world.tick();
    expect(world.messages().at(-1)).toBe(
      'Warning Halt podinfo.test advancement external check load-test failed metadata not found in payload',
    );
    expect(world.prometheus.received.length).toBe(queries);
    expect((await world.canary()).status).toMatchObject({ failedChecks: 1, canaryWeight: 10 });
  });

  it('confirm-traffic-increase holds the weight without counting failed checks', async () => {
    world = await progressing(receiver, [
      { name: 'more-traffic', type: 'confirm-traffic-increase', url: receiver.url('/more') },
    ]);
    answer(receiver, '/more', { status: 403, body: 'Forbidden' });
    await world.tick();
    await world.tick();
    // At weight 0 every tick starts the analysis again (pre-rollout hooks, if any, run again too).
    expect(world.messages().slice(-4)).toEqual([
      'Normal Starting canary analysis for podinfo.test',
      'Warning Halt podinfo.test advancement waiting for traffic increase approval more-traffic',
      'Normal Starting canary analysis for podinfo.test',
      'Warning Halt podinfo.test advancement waiting for traffic increase approval more-traffic',
    ]);
    expect((await world.canary()).status).toMatchObject({
      phase: 'Progressing',
      failedChecks: 0,
      canaryWeight: 0,
    });
    answer(receiver, '/more', { status: 200 });
    await world.tick();
    expect(world.messages().slice(-2)).toEqual([
      'Normal Confirm-traffic-increase check more-traffic passed',
      'Normal Advance podinfo.test canary weight 10',
    ]);
    expect(await world.routes()).toBe('90/10');
  });

  it('post-rollout: called with the final phase; a failure is a Warning, and later post hooks are not called', async () => {
    world = await progressing(receiver, [
      { name: 'notify', type: 'post-rollout', url: receiver.url('/notify') },
      { name: 'cleanup', type: 'post-rollout', url: receiver.url('/cleanup') },
    ]);
    answer(receiver, '/notify', { status: 500, body: 'chat is down' });
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    expect(receiver.received('/notify').map((r) => r.json<{ phase: string }>().phase)).toEqual(['Succeeded']);
    expect(receiver.received('/cleanup')).toEqual([]);
    expect(world.messages().slice(-2)).toEqual([
      'Warning Post-rollout hook notify failed chat is down',
      'Normal Promotion completed! Scaling down podinfo.test',
    ]);
    expect((await world.canary()).status?.phase).toBe('Succeeded');
  });

  it('rollback hook: non-2xx answers say so each tick; the first 2xx rolls back, phase Failed sent to post-rollout', async () => {
    world = await progressing(receiver, [
      { name: 'abort', type: 'rollback', url: receiver.url('/abort') },
      { name: 'post', type: 'post-rollout', url: receiver.url('/post') },
    ]);
    answer(receiver, '/abort', { status: 403, body: 'Forbidden' });
    await world.tick();
    await world.tick();
    expect(world.messages().filter((m) => m.includes('Rollback hook'))).toEqual(
      Array(2).fill('Normal Rollback hook abort not signaling a rollback'),
    );
    answer(receiver, '/abort', { status: 200, body: 'Approved' });
    await world.tick();
    expect(world.messages().slice(-4)).toEqual([
      'Warning Rollback check abort passed',
      'Warning Rolling back podinfo.test manual webhook invoked',
      'Warning Canary failed! Scaling down podinfo.test',
      'Normal Post-rollout check post passed',
    ]);
    expect(receiver.received('/abort').map((r) => r.json<{ phase: string }>().phase)).toEqual(
      Array(3).fill('Progressing'),
    );
    expect(receiver.received('/post').map((r) => r.json<{ phase: string }>().phase)).toEqual(['Failed']);
    expect((await world.canary()).status?.phase).toBe('Failed');
    expect(await world.routes()).toBe('100/0');
  });
});
