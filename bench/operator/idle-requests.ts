import { setTimeout as sleep } from 'node:timers/promises';
import { CanaryPhases, createFleet } from './fleet.js';
import { startOperatorWorld, type WorldOptions } from './operator-world.js';
import { countsBetween, type RequestCounts, requestCounts } from './request-counts.js';

/** How many idle canaries, watched over how many 1 s intervals. */
export interface IdleSettings {
  canaries: number;
  intervals: number;
}

/** What the API server answered while the canaries sat idle. */
export interface IdleFigures {
  canaries: number;
  intervals: number;
  /** Seconds measured. */
  seconds: number;
  /** Ticks the operator ran meanwhile (proof that it was not simply asleep). */
  ticks: number;
  /** Requests of the operator's client(s), and of every client by request. */
  requests: RequestCounts;
  /** Every request of the run by client (set-up included): shows under which client the operator counts. */
  total: Map<string, number>;
}

/**
 * N canaries with `interval: 1s` (operator `-min-analysis-interval=1s`) initialized on the local API
 * server; once they are all Initialized and the writes of initialization have settled, the API server's
 * request counters over several intervals.
 */
export async function runIdleRequests(
  settings: IdleSettings,
  world: Omit<WorldOptions, 'operatorFlags'>,
  log: (line: string) => void,
): Promise<IdleFigures> {
  const w = await startOperatorWorld({ ...world, operatorFlags: ['-min-analysis-interval=1s'] });
  try {
    const phases = await CanaryPhases.start(w.client);
    await createFleet(w.client, { count: settings.canaries, interval: '1s' });
    await phases.waitFor('Initialized', settings.canaries, { timeoutMs: 120_000 });
    phases.stop();
    log(`  ${settings.canaries} canaries Initialized; letting initialization's writes settle`);
    // Events and kubelet answers of initialization land within a few intervals.
    await sleep(3_000);
    await w.kubelet.idle();
    await w.operator.take();
    const before = await requestCounts(w.client);
    const started = performance.now();
    await sleep(settings.intervals * 1_000);
    const after = await requestCounts(w.client);
    const seconds = (performance.now() - started) / 1000;
    const sample = await w.operator.take();
    return {
      canaries: settings.canaries,
      intervals: settings.intervals,
      seconds,
      ticks: sample.lateMs.length,
      requests: countsBetween(before, after),
      total: after.byClient,
    };
  } finally {
    await w.stop();
  }
}
