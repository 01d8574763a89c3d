import { cell } from '../support/stats.js';
import type { DemoFigures } from './demo-time.js';
import type { HeyFigures } from './hey.js';
import type { LoadGenerationFigures } from './load-generation.js';
import type { MeshOverheadFigures } from './mesh-overhead.js';

function codes(f: HeyFigures): string {
  return [...f.statusCodes].map(([code, n]) => `${code}×${n}`).join(' ') || 'none';
}

function heyRow(name: string, f: HeyFigures): string {
  return (
    `  ${name.padEnd(26)}${cell(f.requestsPerSecond, 0, 9)}${cell(f.p50Ms, 2, 9)}${cell(f.p99Ms, 2, 9)}` +
    `${cell(f.averageMs, 2, 9)}${cell(f.requests, 0, 10)}${cell(f.errors, 0, 8)}   ${codes(f)}`
  );
}

const header = `  ${''.padEnd(26)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'avg ms'.padStart(9)}${'requests'.padStart(10)}${'errors'.padStart(8)}   status codes`;

/** `1.23x` of b over a. */
const times = (b: number, a: number) => `${(b / a).toFixed(2)}x`;

/** Mesh vs direct, side by side, with the ratios. */
export function meshReport(f: MeshOverheadFigures): string {
  return [
    `mesh overhead: hey -z ${f.load.seconds}s -c ${f.load.connections} against one podinfo pod, one run each`,
    header,
    heyRow('direct to the pod', f.direct),
    heyRow('through the mesh (hey -x)', f.mesh),
    `  mesh / direct: p50 ${times(f.mesh.p50Ms, f.direct.p50Ms)} (+${(f.mesh.p50Ms - f.direct.p50Ms).toFixed(2)} ms), ` +
      `p99 ${times(f.mesh.p99Ms, f.direct.p99Ms)} (+${(f.mesh.p99Ms - f.direct.p99Ms).toFixed(2)} ms), ` +
      `req/s ${times(f.mesh.requestsPerSecond, f.direct.requestsPerSecond)}; mesh CPU ${f.meshCpuUsPerRequest.toFixed(0)} µs per request`,
  ].join('\n');
}

/** The mean of the two runs of hey alone. */
export function aloneMean(f: LoadGenerationFigures, figure: 'requestsPerSecond' | 'p50Ms' | 'p99Ms'): number {
  return (f.alone[figure] + f.aloneAfter[figure]) / 2;
}

/** hey alone vs hey run by the load tester. */
export function loadGenerationReport(f: LoadGenerationFigures): string {
  return [
    `load generation: hey -z ${f.load.seconds}s -c ${f.load.connections} against one podinfo pod, alone and as a load tester cmd task`,
    header,
    heyRow('hey alone', f.alone),
    heyRow('hey run by weir loadtester', f.loadTester),
    heyRow('hey alone, again', f.aloneAfter),
    `  load tester / mean of alone: req/s ${times(f.loadTester.requestsPerSecond, aloneMean(f, 'requestsPerSecond'))}, ` +
      `p50 ${times(f.loadTester.p50Ms, aloneMean(f, 'p50Ms'))}, p99 ${times(f.loadTester.p99Ms, aloneMean(f, 'p99Ms'))}; ` +
      `the load tester process used ${cell(f.loadTesterCpuSeconds ?? Number.NaN, 2, 0)} s CPU while its hey ran`,
  ].join('\n');
}

/** The demo's wall times. */
export function demoReport(f: DemoFigures): string {
  const requests = f.promotionRequests
    ? `; ${f.promotionRequests.total} requests through the mesh during the promotion, ${f.promotionRequests.failed} failed`
    : '';
  return [
    'demo: `weir demo --down` (interval 5s, stepWeight 10, maxWeight 50, threshold 5; operator -min-analysis-interval=1s)',
    `  image change → Succeeded  ${f.promotionSeconds.toFixed(1)} s${f.promoted ? '' : ' (NOT promoted)'}${requests}`,
    `  image change → Failed     ${f.rollbackSeconds.toFixed(1)} s${f.rolledBack ? '' : ' (NOT rolled back)'}`,
    `  whole demo (playground up and down included)  ${f.totalSeconds.toFixed(1)} s`,
  ].join('\n');
}
