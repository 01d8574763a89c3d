import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { weirInvocation } from '../../src/platform/self-command.js';
import { processCpuSeconds } from '../apiserver/server-process.js';

/** A `weir …` command running as a child process, its stdout read as JSON log lines. */
export interface WeirChild {
  readonly pid: number;
  /** CPU time used so far (user + system), in seconds; undefined off Linux. */
  cpuSeconds(): number | undefined;
  /** Resolves with the first log line (parsed) that `match` accepts, from now on; rejects after `timeoutMs`. */
  line<T>(match: (line: Record<string, unknown>) => T | undefined, timeoutMs: number): Promise<T>;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts `weir <args>` as the playground starts its parts (the checkout's sources through tsx, or dist/). */
export function startWeirChild(args: string[], env: NodeJS.ProcessEnv = {}): WeirChild {
  const invocation = weirInvocation(args);
  const child: ChildProcess = spawn(invocation.command, invocation.args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const listeners = new Set<(line: Record<string, unknown>) => void>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    for (const listener of listeners) listener(parsed);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? 0,
    cpuSeconds: () => (child.pid ? processCpuSeconds(child.pid) : undefined),
    line<T>(match: (line: Record<string, unknown>) => T | undefined, timeoutMs: number): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const done = () => {
          listeners.delete(listener);
          clearTimeout(timer);
          child.off('exit', onExit);
        };
        const listener = (line: Record<string, unknown>) => {
          const found = match(line);
          if (found === undefined) return;
          done();
          resolve(found);
        };
        const onExit = (code: number | null) => {
          done();
          reject(new Error(`weir ${args.join(' ')} exited (${code}): ${stderr}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`weir ${args.join(' ')}: no expected log line within ${timeoutMs / 1000} s: ${stderr}`),
          );
        }, timeoutMs);
        listeners.add(listener);
        child.once('exit', onExit);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
