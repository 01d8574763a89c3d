import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { type RunningOperator, startOperator } from '../../../src/main/operator.js';
import { type Clock, systemClock } from '../../../src/platform/clock.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { eventually } from '../../support/eventually.js';
import { LiveWorld } from '../../support/live-world.js';
import { guideCanary } from '../../support/scenario-canaries.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resource requests the API server has answered so far, from its `/metrics` (`apiserver_request_total`). */
async function apiRequests(world: LiveWorld): Promise<number> {
  const text = await (await fetch(`${world.api.server.url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('apiserver_request_total{') || line.includes('resource="nonresource"')) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** The system clock, counting reads: every tick reads it, so the count shows that ticks ran. */
class CountingClock implements Clock {
  reads = 0;
  now(): Date {
    this.reads++;
    return systemClock.now();
  }
}

/**
 * The controller on real timers (`startOperator`, `-min-analysis-interval=100ms`): an idle canary costs no
 * API request, and a new revision is picked up from the Deployment's watch event, not at the next interval.
 */
describe('canary controller', () => {
  let world: LiveWorld;
  let operator: RunningOperator;
  const logger = new MemoryLogger();
  const clock = new CountingClock();
  beforeAll(async () => {
    world = await LiveWorld.start();
    operator = await startOperator({
      config: loadConfig(world.flags('-min-analysis-interval=100ms'), {}),
      logger,
      version: 'test',
      clock,
    });
    await world.raw.create(guideCanary({ analysis: { interval: '1s' } }));
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Initialized'), 10_000);
  });
  afterAll(async () => {
    await operator.stop();
    await world.stop();
  });

  it('an idle Initialized canary makes no API request over several intervals', async () => {
    // Let the writes of initialization (status, events) and the kubelet's answers settle.
    await operator.idle();
    await sleep(300);
    const before = await apiRequests(world);
    const reads = clock.reads;
    // Real time is the subject here: three and a half 1 s intervals of an idle canary.
    await sleep(3_500);
    expect(clock.reads - reads, 'ticks ran meanwhile').toBeGreaterThanOrEqual(3);
    expect(await apiRequests(world)).toBe(before);
  });

  it('picks up `kubectl set image` from the watch, long before the next 30 s interval', async () => {
    await world.raw.patch(
      { apiVersion: 'flagger.app/v1beta1', kind: 'Canary', namespace: 'test', name: 'podinfo' },
      { spec: { analysis: { interval: '30s' } } },
      'application/merge-patch+json',
    );
    // The spec change is ticked; a tick of the old 1 s timer may still come. Then nothing ticks any more:
    // the timer waits 30 s.
    await sleep(1_500);
    await operator.idle();
    const reads = clock.reads;
    await sleep(1_200);
    expect(clock.reads, 'no tick within the old interval').toBe(reads);
    const started = logger.lines.length;
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    // Bounded well below the 30 s interval: only the watch event can explain the tick.
    await eventually(
      () =>
        expect(logger.lines.slice(started).map((l) => l.msg)).toContain(
          'New revision detected! Scaling up podinfo.test',
        ),
      { timeoutMs: 10_000 },
    );
    expect((await world.canary()).status?.phase).toBe('Progressing');
  });
});
