/**
 * Runs work for keys after the current request finishes, once per key however often it was queued,
 * the way in-cluster controllers react to changes asynchronously.
 */
export class DeferredQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly work: (key: string) => void,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** Queues `key` (duplicates collapse). */
  add(key: string): void {
    this.pending.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Resolves once nothing is queued (tests and shutdown). */
  idle(): Promise<void> {
    if (!this.scheduled && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private drain(): void {
    // Work may queue more work; keep going until quiet, but yield between rounds.
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      try {
        this.work(key);
      } catch (error) {
        this.onError(key, error);
      }
    }
    if (this.pending.size > 0) {
      setImmediate(() => this.drain());
      return;
    }
    this.scheduled = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
