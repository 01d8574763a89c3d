import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { weirInvocation } from '../../platform/self-command.js';
import type { PlaygroundPaths } from './playground-paths.js';
import { isAlive, type PlaygroundState, readState } from './playground-state.js';

/** Options of `weir local up`. */
export interface UpOptions {
  meshProvider: string;
  minAnalysisInterval: string;
  /** How long to wait for everything to be ready. */
  timeoutMs?: number;
}

/** Why the playground could not be brought up; carries the end of its log. */
export class PlaygroundError extends Error {
  readonly code: 'start-failed' | 'stop-failed';
  constructor(code: PlaygroundError['code'], message: string) {
    super(message);
    this.name = 'PlaygroundError';
    this.code = code;
  }
}

function logTail(path: string, lines = 30): string {
  if (!existsSync(path)) return '(no log)';
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** The running playground's state, when one is running. */
export function runningState(paths: PlaygroundPaths): PlaygroundState | undefined {
  const state = readState(paths.state);
  return state && isAlive(state.pid) ? state : undefined;
}

/**
 * `weir local up`: starts the supervisor (`weir local run`) detached, its output in `playground.log`, and
 * waits until it reports every component ready. Answers the state; an already running playground is kept.
 */
export async function playgroundUp(
  paths: PlaygroundPaths,
  options: UpOptions,
): Promise<{ state: PlaygroundState; started: boolean }> {
  const running = runningState(paths);
  if (running) return { state: running, started: false };
  mkdirSync(paths.root, { recursive: true });
  const invocation = weirInvocation([
    'local',
    'run',
    '--data-dir',
    paths.root,
    '--mesh-provider',
    options.meshProvider,
    '--min-analysis-interval',
    options.minAnalysisInterval,
  ]);
  const out = openSync(paths.supervisorLog, 'a');
  const child = spawn(invocation.command, invocation.args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: process.env,
  });
  closeSync(out);
  child.unref();
  const pid = child.pid ?? -1;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    const state = readState(paths.state);
    if (state && state.pid === pid) return { state, started: true };
    if (!isAlive(pid))
      throw new PlaygroundError(
        'start-failed',
        `the playground exited while starting; the end of ${paths.supervisorLog}:\n${logTail(paths.supervisorLog)}`,
      );
    await delay(250);
  }
  process.kill(pid, 'SIGTERM');
  throw new PlaygroundError(
    'start-failed',
    `the playground was not ready after ${(options.timeoutMs ?? 180_000) / 1000}s; the end of ${paths.supervisorLog}:\n${logTail(paths.supervisorLog)}`,
  );
}

/** `weir local down`: asks the supervisor to stop everything and waits until it has. False when nothing ran. */
export async function playgroundDown(paths: PlaygroundPaths, timeoutMs = 90_000): Promise<boolean> {
  const state = readState(paths.state);
  if (!state || !isAlive(state.pid)) return false;
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(state.pid)) {
    if (Date.now() > deadline) {
      process.kill(state.pid, 'SIGKILL');
      throw new PlaygroundError(
        'stop-failed',
        `the playground did not stop within ${timeoutMs / 1000}s and was killed; see ${paths.supervisorLog}`,
      );
    }
    await delay(200);
  }
  return true;
}

/** One component's health, for `weir local status`. */
export interface ComponentHealth {
  name: string;
  url: string;
  healthy: boolean;
}

/** Checks every component of a running playground. */
export async function playgroundHealth(state: PlaygroundState): Promise<ComponentHealth[]> {
  const probes: [string, string, string][] = [
    ['apiserver', state.addresses.apiserver, `${state.addresses.apiserver}/readyz`],
    ['mesh', state.addresses.meshProxy, state.addresses.meshMetrics.replace(/\/metrics$/, '/readyz')],
    ['prometheus', state.addresses.prometheus, `${state.addresses.prometheus}/-/ready`],
    ['operator', state.addresses.operator, `${state.addresses.operator}/readyz`],
  ];
  return Promise.all(
    probes.map(async ([name, url, probe]) => {
      try {
        const response = await fetch(probe, { signal: AbortSignal.timeout(3000) });
        return { name, url, healthy: response.ok };
      } catch {
        return { name, url, healthy: false };
      }
    }),
  );
}
