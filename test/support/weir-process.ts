import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { weirInvocation } from '../../src/platform/self-command.js';

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A `weir <subcommand>` child process. */
export interface WeirProcess {
  readonly child: ChildProcess;
  /** What it printed to stdout so far. */
  stdout(): string;
  /** What it printed to stderr so far. */
  stderr(): string;
  /** Its stdout JSON log lines so far, parsed (other lines skipped). */
  logs(): { level?: string; msg?: string; [key: string]: unknown }[];
  /** Settles when it has exited. */
  readonly exited: Promise<Exit>;
  /** Sends `signal` (SIGTERM by default) to it, by its process id, and resolves with how it exited. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/** Starts `weir <args>` as a child process (see `weirInvocation`). */
export function spawnWeir(args: readonly string[], env: NodeJS.ProcessEnv = process.env): WeirProcess {
  const invocation = weirInvocation(args);
  const child = spawn(invocation.command, invocation.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logs: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as { level?: string; msg?: string }];
          } catch {
            return [];
          }
        }),
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * Starts a serving `weir` subcommand and resolves once `readyUrl` answers any HTTP response; rejects with
 * its output (after killing it) if it exits first or is not serving within `timeoutMs`.
 */
export async function startWeirServer(
  args: readonly string[],
  options: { readyUrl: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<WeirProcess> {
  const weir = spawnWeir(args, options.env);
  let exited = false;
  void weir.exited.then(() => {
    exited = true;
  });
  const deadline = performance.now() + (options.timeoutMs ?? 30_000);
  while (!exited && performance.now() < deadline) {
    try {
      await fetch(options.readyUrl, { signal: AbortSignal.timeout(1_000) });
      return weir;
    } catch {
      await delay(50);
    }
  }
  await weir.stop('SIGKILL');
  throw new Error(
    `weir ${args.join(' ')} did not serve ${options.readyUrl}${exited ? ' (it exited)' : ''}\n` +
      `stdout:\n${weir.stdout()}\nstderr:\n${weir.stderr()}`,
  );
}
