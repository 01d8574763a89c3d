import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseGoDuration } from '../../src/platform/go-duration.js';
import { percentile } from '../support/stats.js';
import { CanaryPhases, createFleet } from './fleet.js';
import { startOperatorWorld, type WorldOptions } from './operator-world.js';
import { countsBetween, operatorRequests, requestCounts } from './request-counts.js';

/** How many canaries, at which interval, measured over how many intervals. */
export interface ScaleSettings {
  canaries: number;
  /** `analysis.interval` of every canary (also the operator's `-min-analysis-interval`). */
  interval: string;
  intervals: number;
}

/** One operator process with many idle canaries. */
export interface ScaleFigures {
  canaries: number;
  interval: string;
  /** Seconds from the first creation until every canary was Initialized. */
  initializeSeconds: number;
  /** Seconds measured. */
  seconds: number;
  /** Ticks run in the window, how many of them a change (watch event) asked for, and how many the intervals call for. */
  ticks: number;
  changeTicks: number;
  expectedTicks: number;
  /** How late ticks started against their due time, in ms. */
  lateP50Ms: number;
  lateP99Ms: number;
  lateMaxMs: number;
  /** How long ticks ran, in ms. */
  tickP50Ms: number;
  tickP99Ms: number;
  /** Operator memory at the end of the window. */
  rssMb: number;
  heapMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** Operator CPU time per tick in the window, and its share of one core. */
  cpuUsPerTick: number;
  cpuShare: number;
  /** Requests the operator sent in the window. */
  operatorRequests: number;
  /** API server CPU time in the window, in seconds. */
  serverCpuSeconds: number | undefined;
}

/**
 * N canaries, each with its own Deployment, initialized by one `weir operator` (istio: Services,
 * VirtualService, DestinationRules), then idle: tick lateness, tick duration, memory and CPU over several
 * intervals after a warm-up interval.
 */
export async function runScale(
  settings: ScaleSettings,
  world: Omit<WorldOptions, 'operatorFlags'>,
  log: (line: string) => void,
): Promise<ScaleFigures> {
  const intervalMs = parseGoDuration(settings.interval) ?? 10_000;
  const w = await startOperatorWorld({
    ...world,
    operatorFlags: [`-min-analysis-interval=${settings.interval}`],
  });
  try {
    const phases = await CanaryPhases.start(w.client);
    const started = performance.now();
    const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
    let lastReport = 0;
    await createFleet(w.client, {
      count: settings.canaries,
      interval: settings.interval,
      onProgress: (created) => {
        if (created - lastReport < settings.canaries / 10 && created < settings.canaries) return;
        lastReport = created;
        log(
          `  created ${created}/${settings.canaries}, Initialized ${phases.count('Initialized')} (${elapsed()})`,
        );
      },
    });
    await phases.waitFor('Initialized', settings.canaries, {
      timeoutMs: 300_000 + settings.canaries * 200,
      everyMs: 10_000,
      onProgress: (n) => log(`  Initialized ${n}/${settings.canaries} (${elapsed()})`),
    });
    const initializeSeconds = (performance.now() - started) / 1000;
    phases.stop();
    log(
      `  all ${settings.canaries} Initialized after ${initializeSeconds.toFixed(0)} s; one interval of warm-up`,
    );
    await sleep(intervalMs);
    await w.kubelet.idle();
    const base = await w.operator.take();
    const before = await requestCounts(w.client);
    const serverCpuBefore = w.server.cpuSeconds();
    if (world.cpuProfDir) await w.operator.startProfile();
    const windowStart = performance.now();
    await sleep(settings.intervals * intervalMs);
    const sample = await w.operator.take();
    if (world.cpuProfDir)
      await w.operator.stopProfile(
        join(world.cpuProfDir, `operator-${settings.canaries}-canaries.cpuprofile`),
      );
    const seconds = (performance.now() - windowStart) / 1000;
    const serverCpuAfter = w.server.cpuSeconds();
    const after = await requestCounts(w.client);
    const ticks = sample.lateMs.length;
    const changeTicks = sample.byChange.reduce((n, c) => n + c, 0);
    const cpuUs = sample.cpuUs - base.cpuUs;
    return {
      canaries: settings.canaries,
      interval: settings.interval,
      initializeSeconds,
      seconds,
      ticks,
      changeTicks,
      expectedTicks: Math.round((settings.canaries * seconds * 1000) / intervalMs),
      lateP50Ms: percentile(sample.lateMs, 50),
      lateP99Ms: percentile(sample.lateMs, 99),
      lateMaxMs: percentile(sample.lateMs, 100),
      tickP50Ms: percentile(sample.durationMs, 50),
      tickP99Ms: percentile(sample.durationMs, 99),
      rssMb: sample.rssBytes / 2 ** 20,
      heapMb: sample.heapUsedBytes / 2 ** 20,
      heapTotalMb: sample.heapTotalBytes / 2 ** 20,
      externalMb: sample.externalBytes / 2 ** 20,
      cpuUsPerTick: ticks > 0 ? cpuUs / ticks : Number.NaN,
      cpuShare: cpuUs / 1e6 / seconds,
      operatorRequests: operatorRequests(countsBetween(before, after)),
      serverCpuSeconds:
        serverCpuBefore !== undefined && serverCpuAfter !== undefined
          ? serverCpuAfter - serverCpuBefore
          : undefined,
    };
  } finally {
    await w.stop();
  }
}
