import { join } from 'node:path';
import type { Command } from 'commander';
import { weirHome } from '../platform/weir-home.js';

/** `weir demo`: the SMI Istio guide's canary walkthrough on a fresh local playground. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      "replay the SMI Istio guide's canary walkthrough (promotion, then rollback) on a local playground",
    )
    .option('--data-dir <dir>', 'the demo playground (default: $WEIR_HOME/demo; reset on every run)')
    .option('--down', 'stop the playground at the end instead of leaving it up for exploring')
    .action(async (flags: { dataDir?: string; down?: boolean }) => {
      const { runDemo } = await import('../demo/run-demo.js');
      const { playgroundPaths } = await import('../local/playground/playground-paths.js');
      const paths = playgroundPaths(flags.dataDir ?? join(weirHome(), 'demo'));
      const result = await runDemo({ paths, down: flags.down === true, out: process.stdout });
      const ok = result.promoted && result.rolledBack;
      process.stdout.write(
        ok
          ? 'Demo finished: the promotion succeeded and the faulty release was rolled back.\n'
          : 'Demo failed: see above.\n',
      );
      process.exitCode = ok ? 0 : 1;
    });
}
