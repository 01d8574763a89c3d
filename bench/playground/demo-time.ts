import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../src/demo/run-demo.js';
import { playgroundDown } from '../../src/local/playground/playground-control.js';
import { playgroundPaths } from '../../src/local/playground/playground-paths.js';

/** Wall times of `weir demo`, in seconds. */
export interface DemoFigures {
  promoted: boolean;
  rolledBack: boolean;
  /** From `kubectl set image` to Succeeded. */
  promotionSeconds: number;
  /** From the second `kubectl set image` to Failed. */
  rollbackSeconds: number;
  /** The whole demo, the playground's start and stop included. */
  totalSeconds: number;
  /** Requests the mesh served to podinfo during the promotion, and how many failed. */
  promotionRequests: { total: number; failed: number } | undefined;
}

const seconds = (window: [number, number] | undefined) =>
  window ? (window[1] - window[0]) / 1000 : Number.NaN;

/**
 * `weir demo --down` in a fresh temporary data directory (its output in a file there, printed only when it
 * fails): the walkthrough's promotion and rollback on a real playground.
 */
export async function runDemoTime(log: (line: string) => void): Promise<DemoFigures> {
  const root = mkdtempSync(join(tmpdir(), 'weir-bench-demo-'));
  const outFile = join(root, 'demo-output.txt');
  const out = createWriteStream(outFile);
  const started = performance.now();
  log(`  weir demo --down --data-dir ${root}`);
  const paths = playgroundPaths(join(root, 'playground'));
  let ok = false;
  try {
    const result = await runDemo({ paths, down: true, out });
    ok = result.promoted && result.rolledBack;
    return {
      promoted: result.promoted,
      rolledBack: result.rolledBack,
      promotionSeconds: seconds(result.windows.promotion),
      rollbackSeconds: seconds(result.windows.rollback),
      totalSeconds: (performance.now() - started) / 1000,
      promotionRequests: result.promotionRequests,
    };
  } finally {
    // A demo that threw left its playground up.
    await playgroundDown(paths).catch(() => undefined);
    await new Promise<void>((resolve) => out.end(resolve));
    if (!ok) log(`  the demo's output (${outFile}):\n${readFileSync(outFile, 'utf8')}`);
    else rmSync(root, { recursive: true, force: true });
  }
}
