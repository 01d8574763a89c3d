import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import type { TickTiming } from '../../../src/controller/canary-controller.js';
import { type RunningOperator, startOperator } from '../../../src/main/operator.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { eventually } from '../../support/eventually.js';
import { LiveWorld } from '../../support/live-world.js';
import { guideCanary } from '../../support/scenario-canaries.js';

/**
 * The controller's `onTick` observer (the benchmarks' seam, `startOperator({ onTick })`) on real timers:
 * each tick is reported with what asked for it, when it was due, started and ended.
 */
describe('tick timing observer', () => {
  let world: LiveWorld;
  let operator: RunningOperator;
  const timings: TickTiming[] = [];
  const ofPodinfo = () => timings.filter((t) => t.key === 'test/podinfo');
  beforeAll(async () => {
    world = await LiveWorld.start();
    operator = await startOperator({
      config: loadConfig(world.flags('-min-analysis-interval=100ms'), {}),
      logger: new MemoryLogger(),
      version: 'test',
      onTick: (timing) => timings.push(timing),
    });
    await world.raw.create(guideCanary({ analysis: { interval: '1s' } }));
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Initialized'), 10_000);
  });
  afterAll(async () => {
    await operator.stop();
    await world.stop();
  });

  it('reports the first tick as asked for by a change, and each timer tick as due one interval after the previous tick ended', async () => {
    const pairs = await eventually(() => {
      const mine = ofPodinfo();
      const following = mine.slice(1).map((next, i) => ({ previous: mine[i]!, next }));
      const byTimer = following.filter((pair) => pair.next.cause === 'interval');
      expect(byTimer.length).toBeGreaterThanOrEqual(2);
      return byTimer;
    }, 10_000);
    expect(ofPodinfo()[0]?.cause).toBe('change');
    for (const { previous, next } of pairs) {
      expect(next.dueMs).toBe(previous.endedMs + 1_000);
      expect(next.endedMs).toBeGreaterThanOrEqual(next.startedMs);
    }
  });

  it('reports a tick asked for by a new revision as due when the watch event arrived, before it started', async () => {
    await operator.idle();
    const seen = ofPodinfo().length;
    const changedAfter = Date.now();
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    const byChange = await eventually(() => {
      const tick = ofPodinfo()
        .slice(seen)
        .find((t) => t.cause === 'change');
      expect(tick).toBeDefined();
      return tick!;
    }, 10_000);
    expect(byChange.dueMs).toBeGreaterThanOrEqual(changedAfter);
    expect(byChange.startedMs).toBeGreaterThanOrEqual(byChange.dueMs);
  });
});
