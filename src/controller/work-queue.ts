/**
 * Runs work per key with Kubernetes work-queue semantics: a key waiting is queued once however often it
 * is added, a key is never processed twice at the same time (an add while it runs schedules one more
 * run), and at most `concurrency` keys run at once.
 */
export class WorkQueue {
  private readonly queued: string[] = [];
  private readonly queuedSet = new Set<string>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly process: (key: string) => Promise<void>,
    private readonly concurrency: number,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** Asks for `key` to be processed (again). */
  add(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queuedSet.has(key)) return;
    this.queued.push(key);
    this.queuedSet.add(key);
    this.pump();
  }

  /** Keys waiting or running. */
  get size(): number {
    return this.queued.length + this.running.size;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Accepts keys again after {@link stop} (a replica that leads again). */
  resume(): void {
    this.stopped = false;
  }

  /** Drops what is queued and refuses new keys until {@link resume}; running work finishes. */
  stop(): void {
    this.stopped = true;
    this.queued.length = 0;
    this.queuedSet.clear();
    this.dirty.clear();
    this.checkIdle();
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.queued.length > 0) {
      const key = this.queued.shift()!;
      this.queuedSet.delete(key);
      this.running.add(key);
      void this.run(key);
    }
    this.checkIdle();
  }

  private async run(key: string): Promise<void> {
    try {
      await this.process(key);
    } catch (error) {
      this.onError(key, error);
    } finally {
      this.running.delete(key);
      if (this.dirty.delete(key) && !this.stopped) {
        this.queued.push(key);
        this.queuedSet.add(key);
      }
      this.pump();
    }
  }

  private checkIdle(): void {
    if (this.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
