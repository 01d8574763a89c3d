import { WorkQueue } from '../../controller/work-queue.js';
import type { Logger } from '../../platform/logger.js';
import type { Cancel, Timers } from './timers.js';

/** What one reconcile asks for: nothing, or another look after `afterMs` (a time-based condition). */
export type ReconcileResult = undefined | { afterMs: number };

/** What a {@link ControllerLoop} runs and how. */
export interface ControllerLoopOptions {
  /** Name in log lines. */
  name: string;
  /** Brings the object with this key (`namespace/name`) to its desired state. */
  reconcile(key: string): Promise<ReconcileResult>;
  timers: Timers;
  logger: Logger;
  /** Keys handled at once (default 4). */
  concurrency?: number;
}

const maxBackoffMs = 5_000;

/**
 * A controller's work loop, as kube-controller-manager's: keys are queued once, never reconciled twice at
 * the same time, retried with backoff after an error (a write conflict, a server hiccup) and looked at
 * again later when the reconcile asks for it.
 */
export class ControllerLoop {
  private readonly queue: WorkQueue;
  private readonly delayed = new Map<string, { at: number; cancel: Cancel }>();
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(private readonly options: ControllerLoopOptions) {
    this.queue = new WorkQueue(
      (key) => this.run(key),
      options.concurrency ?? 4,
      (key, error) =>
        options.logger.error('reconcile failed', { controller: options.name, key, error: String(error) }),
    );
  }

  /** Queues `key` now. */
  add(key: string): void {
    if (!this.stopped) this.queue.add(key);
  }

  /** Queues `key` after `ms` (an earlier pending request for the key wins). */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = performance.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    pending?.cancel();
    const cancel = this.options.timers.after(ms, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, cancel });
  }

  /** Resolves when nothing is queued or running (delayed keys do not count). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Keys queued or running. */
  get size(): number {
    return this.queue.size;
  }

  /** Drops queued and delayed keys; running reconciles finish. */
  stop(): Promise<void> {
    this.stopped = true;
    for (const { cancel } of this.delayed.values()) cancel();
    this.delayed.clear();
    this.queue.stop();
    return this.queue.idle();
  }

  private async run(key: string): Promise<void> {
    if (this.stopped) return;
    try {
      const result = await this.options.reconcile(key);
      this.failures.delete(key);
      if (result) this.addAfter(key, result.afterMs);
    } catch (error) {
      if (this.stopped) return;
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      const level = failures > 3 ? 'warn' : 'debug';
      this.options.logger[level]('reconcile failed, retrying', {
        controller: this.options.name,
        key,
        failures,
        error: error instanceof Error ? error.message : String(error),
      });
      this.addAfter(key, Math.min(maxBackoffMs, 50 * 2 ** Math.min(failures, 7)));
    }
  }
}
