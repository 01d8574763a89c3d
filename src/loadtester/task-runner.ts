import type { Logger } from '../platform/logger.js';
import type { LoadTesterMetrics } from './loadtester-metrics.js';
import type { RunningProcess } from './process-run.js';
import type { Invocation } from './proxy.js';

/** An asynchronous `cmd` task. */
export interface CmdTask {
  /** `podinfo.test`. */
  canary: string;
  /** The command as the webhook sent it; with `canary` it identifies the task. */
  command: string;
  /** What to run. */
  invocation: Invocation;
  /** Log the output on success (`logCmdOutput: "true"`). */
  logCmdOutput: boolean;
}

/** A task being run. */
export interface RunningTask {
  canary: string;
  command: string;
}

/** What the runner needs from outside. */
export interface TaskRunnerOptions {
  logger: Logger;
  metrics: LoadTesterMetrics;
  /** Per-task limit (`-timeout`). */
  timeoutMs: number;
  /** Starts a process; `startProcess` in production. */
  start(invocation: Invocation, timeoutMs: number): RunningProcess;
}

/**
 * Runs `cmd` tasks in the background, at most one per canary and command: a task whose twin is still
 * running is skipped, so a `hey -z 10m` started by the first analysis tick is not started again by the next.
 */
export class TaskRunner {
  private readonly tasks = new Map<
    string,
    { task: RunningTask; process: RunningProcess; done: Promise<void> }
  >();

  constructor(private readonly options: TaskRunnerOptions) {}

  /** Starts `task` unless the same canary's same command is running; says which happened. */
  add(task: CmdTask): 'started' | 'skipped' {
    const { logger, metrics } = this.options;
    const log = logger.child({ canary: task.canary });
    const key = `${task.canary}\u0000${task.command}`;
    if (this.tasks.has(key)) {
      log.info(`command skipped ${task.command} is already running`);
      metrics.finished('cmd', 'skipped');
      return 'skipped';
    }
    log.info(`command starting ${task.command}`);
    metrics.started('cmd');
    const process = this.options.start(task.invocation, this.options.timeoutMs);
    const done = process.result.then((result) => {
      this.tasks.delete(key);
      metrics.finished('cmd', result.ok ? 'succeeded' : 'failed');
      if (!result.ok) {
        log.error(`command failed ${task.command} ${result.error} ${result.output}`);
        return;
      }
      if (task.logCmdOutput) log.info(result.output);
      log.info(`command finished ${task.command}`);
    });
    this.tasks.set(key, { task: { canary: task.canary, command: task.command }, process, done });
    return 'started';
  }

  /** The tasks running now. */
  running(): RunningTask[] {
    return [...this.tasks.values()].map((entry) => entry.task);
  }

  /** Resolves once no task is running (without stopping any). */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks.values()].map((entry) => entry.done));
  }

  /** Kills every running task and resolves once they have ended. */
  async stop(): Promise<void> {
    const entries = [...this.tasks.values()];
    for (const entry of entries) entry.process.kill();
    await Promise.all(entries.map((entry) => entry.done));
  }
}
