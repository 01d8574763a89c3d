/**
 * Ordered background work: jobs on the same lane run one after another in the order queued, lanes run
 * independently. A job's failure goes to `onError` and does not stop its lane.
 */
export class DeliveryQueue {
  private readonly lanes = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown, lane: string) => void) {}

  /** Runs `job` after everything queued on `lane` before it. */
  enqueue(lane: string, job: () => Promise<void>): void {
    const previous = this.lanes.get(lane) ?? Promise.resolve();
    const next = previous.then(job).catch((error: unknown) => this.onError(error, lane));
    this.lanes.set(lane, next);
    void next.then(() => {
      if (this.lanes.get(lane) === next) this.lanes.delete(lane);
    });
  }

  /** Resolves when every job queued so far has finished. */
  async flush(): Promise<void> {
    await Promise.all([...this.lanes.values()]);
  }
}
