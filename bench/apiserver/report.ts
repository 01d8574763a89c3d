import { ratio } from '../support/report-lines.js';
import { cell } from '../support/stats.js';
import type { FanOutFigures } from './fan-out.js';
import type { LoadFigures } from './load.js';

/** The aims of the issue: PATCH throughput and fan-out delay on this machine. */
export const aims = { patchPerSecond: 3000, fanOutP99Ms: 100 } as const;

/** The figures of one storage mode. */
export interface ModeFigures {
  /** Short name: `data-dir`, `in-memory`. */
  storage: string;
  /** What the storage mode means. */
  title: string;
  loads: LoadFigures[];
  fanOut: FanOutFigures | undefined;
}

/** `PATCH/s 4210 (aim 3000: 1.40x)`, or empty for reads. */
function aimOf(load: LoadFigures): string {
  if (!load.name.startsWith('PATCH')) return '';
  return `aim ${aims.patchPerSecond}/s: ${ratio(load.requestsPerSecond, aims.patchPerSecond, false)}`;
}

/** The table of one storage mode. */
export function modeTable(figures: ModeFigures): string {
  const lines = [
    `storage: ${figures.title}`,
    `  ${'case'.padEnd(30)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}${'commits'.padStart(9)}${'cpu µs/req'.padStart(12)}   vs aim`,
  ];
  for (const load of figures.loads) {
    lines.push(
      `  ${load.name.padEnd(30)}${cell(load.requestsPerSecond, 0, 9)}${cell(load.p50Ms, 2, 9)}${cell(load.p99Ms, 2, 9)}` +
        `${cell(load.errors, 0, 8)}${cell(load.commits ?? Number.NaN, 0, 9)}${cell(load.serverCpuUsPerRequest ?? Number.NaN, 0, 12)}   ${aimOf(load)}`,
    );
  }
  const f = figures.fanOut;
  if (!f) return lines.join('\n');
  lines.push(
    `  watch fan-out: ${f.watchers} watchers, ${f.rounds} changes (watches opened in ${f.openMs.toFixed(0)} ms; server cpu ${cell(f.serverCpuMsPerChange ?? Number.NaN, 1, 0)} ms per change)`,
    `    last watcher, from PATCH response  p50 ${cell(f.lastP50Ms, 2, 7)} ms  p99 ${cell(f.lastP99Ms, 2, 7)} ms   aim ≤ ${aims.fanOutP99Ms} ms: ${ratio(f.lastP99Ms, aims.fanOutP99Ms, true)}`,
    `    last watcher, from PATCH sent      p50 ${cell(f.lastFromSendP50Ms, 2, 7)} ms  p99 ${cell(f.lastFromSendP99Ms, 2, 7)} ms`,
    `    each watcher, from PATCH response  p50 ${cell(f.eachP50Ms, 2, 7)} ms  p99 ${cell(f.eachP99Ms, 2, 7)} ms`,
  );
  return lines.join('\n');
}

/** The aims, one line per mode and figure: `PATCH/s 4210 (aim 3000: 1.40x)`. */
export function summary(all: ModeFigures[]): string {
  const lines = ['summary against the aims:'];
  for (const figures of all) {
    for (const load of figures.loads.filter((l) => l.name.startsWith('PATCH'))) {
      lines.push(
        `  ${figures.storage.padEnd(9)} ${load.name.padEnd(30)} PATCH/s ${load.requestsPerSecond.toFixed(0)} (aim ${aims.patchPerSecond}: ${ratio(load.requestsPerSecond, aims.patchPerSecond, false)})`,
      );
    }
    if (!figures.fanOut) continue;
    const p99 = figures.fanOut.lastP99Ms;
    lines.push(
      `  ${figures.storage.padEnd(9)} ${'watch fan-out, last watcher'.padEnd(30)} p99 ${p99.toFixed(1)} ms (aim ${aims.fanOutP99Ms} ms: ${ratio(p99, aims.fanOutP99Ms, true)})`,
    );
  }
  return lines.join('\n');
}
