import type { Command } from 'commander';
import { createLogger } from '../platform/logger.js';

const defaultProvider = 'smi:istio';

interface PlaygroundFlags {
  dataDir?: string;
  meshProvider: string;
  minAnalysisInterval: string;
}

async function pathsFor(flags: { dataDir?: string }) {
  const { playgroundPaths } = await import('../local/playground/playground-paths.js');
  return playgroundPaths(flags.dataDir);
}

/** `weir local up|down|status|run`: the playground as a whole. */
export function registerLocalPlayground(local: Command): void {
  local
    .command('up')
    .description('start the playground (API server, kubelet, mesh, Prometheus, operator) in the background')
    .option('--data-dir <dir>', 'where the playground keeps its state (default: $WEIR_HOME/local)')
    .option('--mesh-provider <provider>', "the operator's -mesh-provider", defaultProvider)
    .option('--min-analysis-interval <duration>', "the operator's -min-analysis-interval", '1s')
    .action(async (flags: PlaygroundFlags) => {
      const { playgroundUp } = await import('../local/playground/playground-control.js');
      const { printState } = await import('../local/playground/print-state.js');
      const paths = await pathsFor(flags);
      const { state, started } = await playgroundUp(paths, {
        meshProvider: flags.meshProvider,
        minAnalysisInterval: flags.minAnalysisInterval,
      });
      process.stdout.write(started ? 'The playground is up.\n' : 'The playground was already up.\n');
      printState(state, paths);
    });
  local
    .command('down')
    .description('stop the playground; nothing is left running, state is kept for the next `up`')
    .option('--data-dir <dir>', 'where the playground keeps its state (default: $WEIR_HOME/local)')
    .action(async (flags: { dataDir?: string }) => {
      const { playgroundDown } = await import('../local/playground/playground-control.js');
      const stopped = await playgroundDown(await pathsFor(flags));
      process.stdout.write(stopped ? 'The playground is down.\n' : 'The playground was not running.\n');
    });
  local
    .command('status')
    .description('show whether the playground runs, its addresses and the health of each part')
    .option('--data-dir <dir>', 'where the playground keeps its state (default: $WEIR_HOME/local)')
    .action(async (flags: { dataDir?: string }) => {
      const { playgroundHealth, runningState } = await import('../local/playground/playground-control.js');
      const { printState } = await import('../local/playground/print-state.js');
      const paths = await pathsFor(flags);
      const state = runningState(paths);
      if (!state) {
        process.stdout.write(
          `The playground is not running (data in ${paths.root}). Start it with: weir local up\n`,
        );
        process.exitCode = 3;
        return;
      }
      printState(state, paths, await playgroundHealth(state));
      process.exitCode = 0;
    });
  local
    .command('run')
    .description('run the playground in the foreground (what `weir local up` starts in the background)')
    .option('--data-dir <dir>', 'where the playground keeps its state (default: $WEIR_HOME/local)')
    .option('--mesh-provider <provider>', "the operator's -mesh-provider", defaultProvider)
    .option('--min-analysis-interval <duration>', "the operator's -min-analysis-interval", '1s')
    .action(async (flags: PlaygroundFlags) => {
      const { runPlayground } = await import('../local/playground/run-playground.js');
      const logger = createLogger({ level: 'info', base: { component: 'playground' } });
      const playground = await runPlayground({
        paths: await pathsFor(flags),
        meshProvider: flags.meshProvider,
        minAnalysisInterval: flags.minAnalysisInterval,
        logger,
      });
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await playground.stop();
        process.exit(0);
      };
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop());
    });
}
