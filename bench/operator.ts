import { parseArgs } from 'node:util';
import { type IdleFigures, runIdleRequests } from './operator/idle-requests.js';
import { operatorChildEntry } from './operator/operator-process.js';
import { type ReactionFigures, runReaction } from './operator/reaction.js';
import { idleReport, operatorSummary, reactionReport, scaleReport } from './operator/report.js';
import { runScale, type ScaleFigures } from './operator/scale.js';
import { compileEntry } from './support/compile.js';
import { loadLine, machineLine } from './support/report-lines.js';

/** The operator benchmarks, in the order they run. */
export const operatorBenchNames = ['idle-requests', 'scale', 'reaction'] as const;
export type OperatorBenchName = (typeof operatorBenchNames)[number];

/** What to measure and how. */
export interface OperatorBenchOptions {
  benches: OperatorBenchName[];
  /** `dist`: the operator compiled with tsc (as `npm run build`); `tsx`: its source through tsx. */
  runtime: 'dist' | 'tsx';
  idle: { canaries: number; intervals: number };
  scale: { counts: number[]; interval: string; intervals: number };
  reaction: { changes: number; interval: string };
  /** Writes a V8 CPU profile of each operator process here. */
  cpuProfDir?: string;
}

/** `--canaries 50 --intervals 10 --scale 1000,5000 --scale-interval 10s --scale-intervals 6 --changes 30 --reaction-interval 60s --runtime dist` */
export function parseOperatorBenchArgs(args: string[], benches: OperatorBenchName[]): OperatorBenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      runtime: { type: 'string', default: 'dist' },
      canaries: { type: 'string', default: '50' },
      intervals: { type: 'string', default: '10' },
      scale: { type: 'string', default: '1000,5000' },
      'scale-interval': { type: 'string', default: '10s' },
      'scale-intervals': { type: 'string', default: '6' },
      changes: { type: 'string', default: '30' },
      'reaction-interval': { type: 'string', default: '60s' },
      'cpu-prof': { type: 'string' },
    },
  });
  if (values.runtime !== 'dist' && values.runtime !== 'tsx') throw new Error('--runtime: dist or tsx');
  return {
    benches,
    runtime: values.runtime,
    idle: { canaries: Number(values.canaries), intervals: Number(values.intervals) },
    scale: {
      counts: values.scale.split(',').map((n) => Number(n.trim())),
      interval: values['scale-interval'],
      intervals: Number(values['scale-intervals']),
    },
    reaction: { changes: Number(values.changes), interval: values['reaction-interval'] },
    ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
  };
}

const write = (text: string) => process.stdout.write(`${text}\n`);

/** Runs the chosen operator benchmarks and prints their figures against the aims of issue 3. */
export async function runOperatorBench(options: OperatorBenchOptions): Promise<boolean> {
  write(
    [
      'Weir operator',
      machineLine(),
      loadLine('at start'),
      `operator: startOperator with \`weir operator\` flags (-mesh-provider=istio) in a child process, ${options.runtime === 'dist' ? 'compiled with tsc as dist/ is' : 'source through tsx (adds ~100 MB RSS)'}, ` +
        'reporting each tick over IPC; API server: `weir local apiserver --in-memory` in a child process; ' +
        'Deployment status written by an emulated kubelet in this process; Prometheus: a stand-in answering the availability check',
      '',
    ].join('\n'),
  );
  const compiled = options.runtime === 'dist' ? await compileEntry(operatorChildEntry) : undefined;
  const world = {
    ...(compiled ? { compiledOperator: compiled.script } : {}),
    ...(options.cpuProfDir ? { cpuProfDir: options.cpuProfDir } : {}),
  };
  let idle: IdleFigures | undefined;
  const scale: ScaleFigures[] = [];
  let reaction: ReactionFigures | undefined;
  try {
    for (const bench of options.benches) {
      if (bench === 'idle-requests') {
        idle = await runIdleRequests(options.idle, world, write);
        write(`${idleReport(idle)}\n`);
      } else if (bench === 'scale') {
        for (const count of options.scale.counts) {
          write(`scale: ${count} canaries`);
          scale.push(
            await runScale(
              { canaries: count, interval: options.scale.interval, intervals: options.scale.intervals },
              world,
              write,
            ),
          );
        }
        write(`${scaleReport(scale)}\n`);
      } else {
        reaction = await runReaction(options.reaction, world, write);
        write(`${reactionReport(reaction)}\n`);
      }
    }
  } finally {
    compiled?.remove();
  }
  write(`${operatorSummary(idle, scale, reaction)}\n${loadLine('at end')}`);
  if (options.cpuProfDir) write(`CPU profiles of the operator: ${options.cpuProfDir}`);
  return true;
}
