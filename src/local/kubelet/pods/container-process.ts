import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Invocation } from '../../../platform/self-command.js';
import { sleep, type Timers } from '../timers.js';

/** How a process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

/** A running container process. */
export interface ProcessHandle {
  /** Its process id (undefined when it failed to start). */
  pid: number | undefined;
  /** Settles when it ended. */
  exited: Promise<ProcessExit>;
}

/** Where a process writes and records itself. */
export interface SpawnOptions {
  invocation: Invocation;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here. */
  logPath: string;
  /** `{pid, args}` is kept here while it runs, so a restarted kubelet can find it. */
  pidPath: string;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Whether a process is still there. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts a container's process in its own process group (so helpers it starts are stopped with it), its
 * output appended to the pod's log file. When the main process ends, whatever is left of its group is
 * killed, as a container runtime does.
 */
export function spawnProcess(options: SpawnOptions): ProcessHandle {
  const log = openSync(options.logPath, 'a');
  let exited: Promise<ProcessExit>;
  let pid: number | undefined;
  try {
    const child = spawn(options.invocation.command, options.invocation.args, {
      env: options.env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    pid = child.pid;
    if (pid !== undefined)
      writeFileSync(
        options.pidPath,
        JSON.stringify({ pid, args: [options.invocation.command, ...options.invocation.args] }),
      );
    exited = new Promise((resolve) => {
      child.once('error', (error) => {
        if (child.pid === undefined) resolve({ code: 128, signal: null, error });
      });
      child.once('exit', (code, signal) => {
        if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
        rmSync(options.pidPath, { force: true });
        resolve({ code, signal });
      });
    });
  } finally {
    closeSync(log);
  }
  return { pid, exited };
}

/** SIGTERM to the process group, SIGKILL after `graceMs`; resolves once the process has ended. */
export async function stopProcess(
  handle: ProcessHandle,
  graceMs: number,
  timers: Timers,
): Promise<ProcessExit> {
  if (handle.pid === undefined) return handle.exited;
  const pid = handle.pid;
  signalGroup(pid, 'SIGTERM');
  let cancel = () => {};
  const graceOver = new Promise<'timeout'>((resolve) => {
    cancel = timers.after(graceMs, () => resolve('timeout'));
  });
  const first = await Promise.race([handle.exited, graceOver]);
  cancel();
  if (first === 'timeout') signalGroup(pid, 'SIGKILL');
  return handle.exited;
}

/**
 * Kills a process a previous kubelet started and left behind (it crashed, or was killed), found through its
 * pid file — only when that pid still runs the recorded command line.
 */
export async function killLeftover(pidPath: string, timers: Timers): Promise<boolean> {
  if (!existsSync(pidPath)) return false;
  let recorded: { pid?: unknown; args?: unknown };
  try {
    recorded = JSON.parse(readFileSync(pidPath, 'utf8')) as typeof recorded;
  } catch {
    rmSync(pidPath, { force: true });
    return false;
  }
  rmSync(pidPath, { force: true });
  const pid = typeof recorded.pid === 'number' ? recorded.pid : undefined;
  if (pid === undefined || !isAlive(pid) || !sameCommand(pid, recorded.args)) return false;
  signalGroup(pid, 'SIGKILL');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(timers, 20);
  return true;
}

function sameCommand(pid: number, args: unknown): boolean {
  if (!Array.isArray(args)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return cmdline.join('\0') === args.join('\0');
  } catch {
    return false;
  }
}
