import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { formatGoDuration } from '../platform/go-duration.js';
import type { Invocation } from './proxy.js';

/** How a command ended. */
export interface ProcessResult {
  /** Exit status 0. */
  ok: boolean;
  /** Stdout and stderr interleaved as written (the last MiB), like Go's `CombinedOutput`. */
  output: string;
  /** Why it failed, in Go's words (`exit status 1`, `signal: killed`); absent on success. */
  error?: string;
}

/** A started command. */
export interface RunningProcess {
  /** Settles when the command and every process of its group have ended. */
  readonly result: Promise<ProcessResult>;
  /** Kills the command and its children (its whole process group). */
  kill(): void;
}

const maxOutputBytes = 1 << 20;

const goSignalNames: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGTERM: 'terminated',
  SIGINT: 'interrupt',
  SIGHUP: 'hangup',
  SIGSEGV: 'segmentation fault',
  SIGPIPE: 'broken pipe',
  SIGABRT: 'aborted',
};

function spawnError(program: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `exec: "${program}": executable file not found in $PATH`;
  if (error.code === 'EACCES') return `exec: "${program}": permission denied`;
  return error.message;
}

/**
 * Starts `invocation` in its own process group with no stdin, collecting its output; after `timeoutMs`
 * the group is killed. Never rejects: a program that cannot start is a failed result.
 */
export function startProcess(invocation: Invocation, timeoutMs: number): RunningProcess {
  const [program = '', ...args] = invocation.argv;
  const child = spawn(program, args, {
    env: invocation.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = Buffer.alloc(0);
  const collect = (chunk: Buffer) => {
    output = Buffer.concat([output, chunk]);
    if (output.length > maxOutputBytes) output = output.subarray(output.length - maxOutputBytes);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let timedOut = false;
  const killGroup = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, constants.signals.SIGKILL);
    } catch {
      // The group is gone already.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);
  const result = new Promise<ProcessResult>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, output: output.toString('utf8'), error: spawnError(program, error) });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const text = output.toString('utf8');
      if (code === 0) return resolve({ ok: true, output: text });
      let error =
        code !== null
          ? `exit status ${code}`
          : `signal: ${(signal && goSignalNames[signal]) ?? signal ?? 'unknown'}`;
      if (timedOut) error = `${error} (timeout ${formatGoDuration(timeoutMs)} reached)`;
      resolve({ ok: false, output: text, error });
    });
  });
  return { result, kill: killGroup };
}
