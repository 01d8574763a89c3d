/** Manual gates, open or closed per key (`podinfo.test`, `rollback.podinfo.test`); in memory, per replica. */
export class GateStore {
  private readonly open = new Map<string, boolean>();

  /** Whether `key` is open; an unknown gate is recorded as closed, as Flagger does. */
  isOpen(key: string): boolean {
    const state = this.open.get(key);
    if (state === undefined) this.open.set(key, false);
    return state ?? false;
  }

  /** Opens `key`. */
  openGate(key: string): void {
    this.open.set(key, true);
  }

  /** Closes `key`. */
  closeGate(key: string): void {
    this.open.set(key, false);
  }
}
