import { parseArgs } from 'node:util';
import { startAppWorld } from './playground/app-world.js';
import { type DemoFigures, runDemoTime } from './playground/demo-time.js';
import { type LoadGenerationFigures, runLoadGeneration } from './playground/load-generation.js';
import { type HeyLoad, type MeshOverheadFigures, runMeshOverhead } from './playground/mesh-overhead.js';
import { aloneMean, demoReport, loadGenerationReport, meshReport } from './playground/report.js';
import { loadLine, machineLine } from './support/report-lines.js';

/** The playground benchmarks, in the order they run. */
export const playgroundBenchNames = ['mesh-overhead', 'load-generation', 'demo'] as const;
export type PlaygroundBenchName = (typeof playgroundBenchNames)[number];

/** What to measure and how. */
export interface PlaygroundBenchOptions {
  benches: PlaygroundBenchName[];
  mesh: HeyLoad;
  loadGeneration: HeyLoad;
}

/** `--seconds 10 --connections 10 --load-seconds 10 --load-connections 10` */
export function parsePlaygroundBenchArgs(
  args: string[],
  benches: PlaygroundBenchName[],
): PlaygroundBenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      'load-seconds': { type: 'string', default: '10' },
      'load-connections': { type: 'string', default: '10' },
    },
  });
  return {
    benches,
    mesh: { seconds: Number(values.seconds), connections: Number(values.connections) },
    loadGeneration: {
      seconds: Number(values['load-seconds']),
      connections: Number(values['load-connections']),
    },
  };
}

const write = (text: string) => process.stdout.write(`${text}\n`);

function summary(
  mesh: MeshOverheadFigures | undefined,
  load: LoadGenerationFigures | undefined,
  demo: DemoFigures | undefined,
): string {
  const lines = ['summary:'];
  if (mesh)
    lines.push(
      `  mesh: p50 +${(mesh.mesh.p50Ms - mesh.direct.p50Ms).toFixed(2)} ms, p99 +${(mesh.mesh.p99Ms - mesh.direct.p99Ms).toFixed(2)} ms, ` +
        `req/s ${(mesh.mesh.requestsPerSecond / mesh.direct.requestsPerSecond).toFixed(2)}x of direct`,
    );
  if (load)
    lines.push(
      `  load tester: ${(load.loadTester.requestsPerSecond / aloneMean(load, 'requestsPerSecond')).toFixed(2)}x the req/s of hey alone (aim: adds nothing, 1.00x)`,
    );
  if (demo)
    lines.push(
      `  demo: promotion ${demo.promotionSeconds.toFixed(0)} s, rollback ${demo.rollbackSeconds.toFixed(0)} s, whole demo ${demo.totalSeconds.toFixed(0)} s` +
        (demo.promoted && demo.rolledBack ? '' : ' — FAILED'),
    );
  return lines.join('\n');
}

/** Runs the chosen playground benchmarks and prints their figures (issue 4); false when the demo failed. */
export async function runPlaygroundBench(options: PlaygroundBenchOptions): Promise<boolean> {
  write(
    [
      'Weir playground',
      machineLine(),
      loadLine('at start'),
      'parts: `weir local apiserver --in-memory`, `weir local kubelet` (podinfo as a process on its own loopback address), ' +
        '`weir local mesh`, `weir loadtester`, each a child process (sources through tsx); load: Debian hey',
      '',
    ].join('\n'),
  );
  let mesh: MeshOverheadFigures | undefined;
  let load: LoadGenerationFigures | undefined;
  let demo: DemoFigures | undefined;
  const needsApp = options.benches.some((b) => b === 'mesh-overhead' || b === 'load-generation');
  if (needsApp) {
    const world = await startAppWorld();
    write(`  podinfo at ${world.podAddress}, mesh proxy ${world.proxyUrl}`);
    try {
      if (options.benches.includes('mesh-overhead')) {
        mesh = await runMeshOverhead(world, options.mesh, write);
        write(`${meshReport(mesh)}\n`);
      }
      if (options.benches.includes('load-generation')) {
        load = await runLoadGeneration(world, options.loadGeneration, write);
        write(`${loadGenerationReport(load)}\n`);
      }
    } finally {
      await world.stop();
    }
  }
  if (options.benches.includes('demo')) {
    demo = await runDemoTime(write);
    write(`${demoReport(demo)}\n`);
  }
  write(`${summary(mesh, load, demo)}\n${loadLine('at end')}`);
  return !demo || (demo.promoted && demo.rolledBack);
}
