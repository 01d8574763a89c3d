import { ratio } from '../support/report-lines.js';
import { cell } from '../support/stats.js';
import type { IdleFigures } from './idle-requests.js';
import type { ReactionFigures } from './reaction.js';
import { benchClient, operatorRequests } from './request-counts.js';
import type { ScaleFigures } from './scale.js';

/** The aims of issue 3. */
export const aims = {
  idleRequestsPerCanaryInterval: 0,
  /** Flagger 1.44 per idle tick with no tracked ConfigMaps/Secrets (§9.1 of the behaviour reference: 14 + N). */
  flaggerIdleGets: 14,
  lateP99Ms: 1000,
  rssMbAt5000: 500,
  reactionP99Ms: 250,
} as const;

/** The idle-requests section. */
export function idleReport(f: IdleFigures): string {
  const requests = operatorRequests(f.requests);
  const perCanary = requests / (f.canaries * f.intervals);
  const lines = [
    `idle canaries: ${f.canaries} Initialized canaries at interval 1s, ${f.seconds.toFixed(1)} s measured: ${f.ticks} ticks ran (${(f.ticks / (f.canaries * f.intervals)).toFixed(2)} per canary per interval)`,
    `  API requests by the operator: ${requests} → ${perCanary.toFixed(3)} per canary per interval   ` +
      `(aim ${aims.idleRequestsPerCanaryInterval}: ${ratio(perCanary, 0, true)}; Flagger: ${aims.flaggerIdleGets} + N GETs)`,
  ];
  for (const [request, n] of f.requests.byRequest) lines.push(`    ${request}: ${n}`);
  const clients = [...f.total]
    .filter(([who]) => who !== benchClient)
    .map(([who, n]) => `${who} ${n}`)
    .join(', ');
  lines.push(`  (the operator's client over the whole run, set-up included: ${clients || 'none'})`);
  return lines.join('\n');
}

/** The scale table, one row per canary count. */
export function scaleReport(rows: ScaleFigures[]): string {
  const first = rows[0];
  if (!first) return '';
  const header =
    `  ${'canaries'.padStart(8)}${'init s'.padStart(8)}${'ticks'.padStart(8)}${'change'.padStart(8)}${'of'.padStart(7)}` +
    `${'late p50'.padStart(10)}${'p99'.padStart(7)}${'max'.padStart(7)}${'tick p50'.padStart(10)}${'p99'.padStart(6)}` +
    `${'RSS MB'.padStart(8)}${'heap MB'.padStart(9)}${'CPU µs/tick'.padStart(13)}${'% core'.padStart(8)}` +
    `${'API req'.padStart(9)}${'server CPU s'.padStart(14)}`;
  const lines = [
    `scale: one operator, idle canaries (each its own Deployment, istio: 3 Services, a VirtualService, 2 DestinationRules) at interval ${first.interval}; ` +
      `${(first.seconds).toFixed(0)} s measured after one interval of warm-up; times in ms`,
    header,
  ];
  for (const r of rows) {
    lines.push(
      `  ${cell(r.canaries, 0, 8)}${cell(r.initializeSeconds, 0, 8)}${cell(r.ticks, 0, 8)}${cell(r.changeTicks, 0, 8)}${cell(r.expectedTicks, 0, 7)}` +
        `${cell(r.lateP50Ms, 0, 10)}${cell(r.lateP99Ms, 0, 7)}${cell(r.lateMaxMs, 0, 7)}${cell(r.tickP50Ms, 0, 10)}${cell(r.tickP99Ms, 0, 6)}` +
        `${cell(r.rssMb, 0, 8)}${cell(r.heapMb, 0, 9)}${cell(r.cpuUsPerTick, 0, 13)}${cell(r.cpuShare * 100, 1, 8)}` +
        `${cell(r.operatorRequests, 0, 9)}${cell(r.serverCpuSeconds ?? Number.NaN, 2, 14)}`,
    );
  }
  lines.push(
    '  ticks: run in the window (change: asked for by a watch event; of: canaries × window / interval); late: tick start minus due time (timer deadline or watch event);',
    '  tick: its duration; RSS, heap (V8 heap in use): at the end; API req: requests the operator sent in the window',
  );
  return lines.join('\n');
}

/** The reaction section. */
export function reactionReport(f: ReactionFigures): string {
  return [
    `reaction: ${f.changes} Deployment image changes, one canary each, analysis interval ${f.interval}; ms from sending the PATCH`,
    `  to the operator's log line "New revision detected! Scaling up …"  p50 ${cell(f.logP50Ms, 1, 6)}  p99 ${cell(f.logP99Ms, 1, 6)}  max ${cell(f.logMaxMs, 1, 6)}`,
    `  to its Kubernetes Event, received on a watch                  p50 ${cell(f.eventP50Ms, 1, 6)}  p99 ${cell(f.eventP99Ms, 1, 6)}  max ${cell(f.eventMaxMs, 1, 6)}`,
    `  ${f.changeTicks} of the ${f.ticks} ticks meanwhile were asked for by a watch event (none by a timer: the interval is ${f.interval})`,
  ].join('\n');
}

/** One line per aim. */
export function operatorSummary(
  idle: IdleFigures | undefined,
  scale: ScaleFigures[],
  reaction: ReactionFigures | undefined,
): string {
  const lines = ['summary against the aims:'];
  if (idle) {
    const per = operatorRequests(idle.requests) / (idle.canaries * idle.intervals);
    lines.push(
      `  API requests per idle canary per interval   ${per.toFixed(3)} (aim 0: ${ratio(per, 0, true)}; Flagger ${aims.flaggerIdleGets} + N)`,
    );
  }
  for (const r of scale) {
    lines.push(
      `  ${String(r.canaries).padStart(5)} canaries: tick lateness p99 ${r.lateP99Ms.toFixed(0)} ms (aim < ${aims.lateP99Ms} ms: ${ratio(r.lateP99Ms, aims.lateP99Ms, true)}), ` +
        `RSS ${r.rssMb.toFixed(0)} MB${r.canaries >= 5000 ? ` (aim < ${aims.rssMbAt5000} MB: ${ratio(r.rssMb, aims.rssMbAt5000, true)})` : ''}, ` +
        `${r.cpuUsPerTick.toFixed(0)} µs CPU per canary-tick`,
    );
  }
  if (reaction) {
    lines.push(
      `  reaction p99: Event ${reaction.eventP99Ms.toFixed(0)} ms (aim < ${aims.reactionP99Ms} ms: ${ratio(reaction.eventP99Ms, aims.reactionP99Ms, true)}), ` +
        `log line ${reaction.logP99Ms.toFixed(0)} ms (${ratio(reaction.logP99Ms, aims.reactionP99Ms, true)})`,
    );
  }
  return lines.join('\n');
}
