import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { TaskType } from './task-types.js';

/** How a command ended, or that it was not started because its twin was running. */
export type CommandOutcome = 'succeeded' | 'failed' | 'skipped';

/**
 * The load tester's `/metrics`: the process's default metrics (Flagger serves Go's) plus Weir's
 * `weir_loadtester_commands_total{type,outcome}` and `weir_loadtester_commands_running{type}`.
 */
export class LoadTesterMetrics {
  /** The registry `/metrics` serves; one per server. */
  readonly registry = new Registry();
  private readonly commands: Counter<'type' | 'outcome'>;
  private readonly runningCommands: Gauge<'type'>;

  constructor() {
    this.commands = new Counter({
      name: 'weir_loadtester_commands_total',
      help: 'Commands the load tester was asked to run, by task type and outcome.',
      labelNames: ['type', 'outcome'],
      registers: [this.registry],
    });
    this.runningCommands = new Gauge({
      name: 'weir_loadtester_commands_running',
      help: 'Commands running now, by task type.',
      labelNames: ['type'],
      registers: [this.registry],
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** A command of `type` started. */
  started(type: TaskType): void {
    this.runningCommands.inc({ type });
  }

  /** A command of `type` ended (or was skipped, without having started). */
  finished(type: TaskType, outcome: CommandOutcome): void {
    if (outcome !== 'skipped') this.runningCommands.dec({ type });
    this.commands.inc({ type, outcome });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
