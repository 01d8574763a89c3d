import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageRoot } from '../../src/platform/tools.js';

/** What the operator process measured since the previous {@link OperatorProcess.take}. */
export interface OperatorSample {
  /** Per tick: how late it started against its due time, in ms. */
  lateMs: number[];
  /** Per tick: how long it ran, in ms. */
  durationMs: number[];
  /** Per tick: 1 when a change (watch event) asked for it, 0 for its interval timer. */
  byChange: number[];
  /** Per tick: the canary `namespace/name`. */
  keys: string[];
  /** Resident set size now, in bytes. */
  rssBytes: number;
  /** V8 heap in use now, in bytes. */
  heapUsedBytes: number;
  /** V8 heap reserved now, in bytes. */
  heapTotalBytes: number;
  /** Memory of C++ objects bound to JavaScript (buffers, …), in bytes. */
  externalBytes: number;
  /** CPU time used since the process started (user + system), in µs. */
  cpuUs: number;
}

/** Messages from the benchmark to its operator process. */
export type OperatorRequest =
  | { type: 'take' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'stop' };
/** Messages from the operator process to the benchmark. */
export type OperatorReply =
  | { type: 'ready'; opsUrl: string }
  | ({ type: 'sample' } & OperatorSample)
  | { type: 'profiling' }
  | { type: 'profiled' }
  | { type: 'stopped' };

/** One JSON log line of the operator, with the time the benchmark read it (`performance.now()`). */
export interface OperatorLogLine {
  msg: string;
  readMs: number;
}

/** `weir operator` in a child process, instrumented: it reports each tick's timing, its memory and CPU. */
export interface OperatorProcess {
  readonly pid: number;
  readonly opsUrl: string;
  /** The ticks since the previous call, memory now, CPU so far. */
  take(): Promise<OperatorSample>;
  /** Starts V8's CPU profiler in the operator process. */
  startProfile(): Promise<void>;
  /** Stops it and writes the profile (`.cpuprofile`, for `bench/profile-summary.ts` or Chrome's DevTools). */
  stopProfile(file: string): Promise<void>;
  /** Calls `listener` for each log line until the returned function is called. */
  onLog(listener: (line: OperatorLogLine) => void): () => void;
  /** Stops it as SIGTERM would (ticks finish, events are delivered). */
  stop(): Promise<void>;
}

/** The source of the operator process's entry (compile it with `compileEntry` to run it as `dist/` runs). */
export const operatorChildEntry = fileURLToPath(new URL('./operator-child.ts', import.meta.url));

/**
 * Starts the operator process: `startOperator` with `weir operator` flags, exactly as the CLI runs it,
 * plus a tick observer; in its own process so its memory and CPU are its own. `compiledScript` is
 * {@link operatorChildEntry} compiled to JavaScript; without it, the source runs through tsx.
 */
export async function startOperatorProcess(
  flags: string[],
  compiledScript?: string,
): Promise<OperatorProcess> {
  const tsx = pathToFileURL(join(packageRoot(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const entry = compiledScript ? [compiledScript] : ['--import', tsx, operatorChildEntry];
  const child: ChildProcess = spawn(process.execPath, [...entry, ...flags], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const listeners = new Set<(line: OperatorLogLine) => void>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    if (listeners.size === 0) return;
    const readMs = performance.now();
    try {
      const { msg } = JSON.parse(text) as { msg?: string };
      if (typeof msg === 'string') for (const listener of listeners) listener({ msg, readMs });
    } catch {
      // not a JSON line
    }
  });
  let pending: ((reply: OperatorReply) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<string>((resolve, reject) => {
    child.on('message', (reply: OperatorReply) => {
      if (reply.type === 'ready') resolve(reply.opsUrl);
      else pending.shift()?.(reply);
    });
    child.once('exit', (code) =>
      reject(new Error(`the operator exited (${code}) before it was ready: ${stderr}`)),
    );
  });
  const ask = (request: OperatorRequest) =>
    new Promise<OperatorReply>((resolve, reject) => {
      if (child.exitCode !== null) {
        reject(new Error(`the operator has exited (${child.exitCode}): ${stderr}`));
        return;
      }
      pending.push(resolve);
      child.send(request);
    });
  return {
    pid: child.pid ?? 0,
    opsUrl: ready,
    async take() {
      const reply = await ask({ type: 'take' });
      if (reply.type !== 'sample') throw new Error(`unexpected answer ${reply.type}`);
      const { type: _type, ...sample } = reply;
      return sample;
    },
    async startProfile() {
      await ask({ type: 'profile-start' });
    },
    async stopProfile(file) {
      await ask({ type: 'profile-stop', file });
    },
    onLog(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      if (child.exitCode === null) {
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await ask({ type: 'stop' }).catch(() => undefined);
        await exited;
        clearTimeout(timer);
      }
      pending = [];
    },
  };
}
