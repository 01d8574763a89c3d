import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { eventually } from './eventually.js';

/** A long-running command (`kubectl get -w`) whose output a test reads while it runs. */
export interface StreamingCommand {
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with stdout once `predicate` holds for it; fails after `timeoutMs` with what was printed. */
  waitFor(predicate: (stdout: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Terminates the command (by its process id) and resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts `command args` in the background, collecting its output. */
export function spawnStreaming(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): StreamingCommand {
  const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = once(child, 'exit');
  return {
    stdout: () => out,
    stderr: () => err,
    waitFor: (predicate, timeoutMs = 10_000) =>
      eventually(
        () => {
          if (!predicate(out)) throw new Error(`unexpected output so far:\n${out}\nstderr:\n${err}`);
          return out;
        },
        { timeoutMs, intervalMs: 20 },
      ),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
