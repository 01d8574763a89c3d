import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../../platform/logger.js';
import { weirInvocation } from '../../platform/self-command.js';

/** How the playground runs `weir operator`. */
export interface OperatorProcessOptions {
  /** `weir operator` flags. */
  flags: string[];
  /** Extra environment (HTTP_PROXY of the mesh, …). */
  env: NodeJS.ProcessEnv;
  /** Where its JSON log lines go (appended). */
  logFile: string;
  logger: Logger;
}

/** The operator as a child process, restarted if it dies, stopped with SIGTERM. */
export class OperatorProcess {
  private child: ChildProcess | undefined;
  private stopping = false;

  constructor(private readonly options: OperatorProcessOptions) {}

  /** The child's pid, while running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the operator (and keeps it running until `stop`). */
  start(): void {
    const invocation = weirInvocation(['operator', ...this.options.flags]);
    const out = openSync(this.options.logFile, 'a');
    const child = spawn(invocation.command, invocation.args, {
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (this.stopping) return;
      this.options.logger.warn('operator exited; restarting it', { code, signal });
      void delay(2000).then(() => {
        if (!this.stopping) this.start();
      });
    });
  }

  /** Stops the operator: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
