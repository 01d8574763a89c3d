import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** Addresses of a running playground. */
export interface PlaygroundAddresses {
  apiserver: string;
  meshProxy: string;
  meshMetrics: string;
  prometheus: string;
  operator: string;
}

/** What the supervisor writes once everything is up (and removes when it stops). */
export interface PlaygroundState {
  pid: number;
  startedAt: string;
  meshProvider: string;
  kubeconfig: string;
  addresses: PlaygroundAddresses;
}

/** Reads the state file; undefined when absent or unreadable. */
export function readState(path: string): PlaygroundState | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PlaygroundState;
  } catch {
    return undefined;
  }
}

/** Writes the state file atomically. */
export function writeState(path: string, state: PlaygroundState): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, path);
}

/** Removes the state file. */
export function clearState(path: string): void {
  rmSync(path, { force: true });
}

/** Whether a process with this pid is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
