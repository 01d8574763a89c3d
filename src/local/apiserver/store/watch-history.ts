import type { Change } from './watch-event.js';

/**
 * The bounded window of recent changes of one resource, from which watches resume.
 * A watch may start at any resourceVersion >= `floor`; older ones have been evicted (410 Expired).
 */
export class WatchHistory {
  private readonly ring: (Change | undefined)[];
  private start = 0;
  private size = 0;
  private floorRv: number;

  constructor(
    private readonly capacity: number,
    floorRv: number,
  ) {
    this.ring = new Array(capacity);
    this.floorRv = floorRv;
  }

  /** The oldest resourceVersion a watch can resume from. */
  get floor(): number {
    return this.floorRv;
  }

  /** Appends a change, evicting the oldest when full. */
  push(change: Change): void {
    if (this.size === this.capacity) {
      const evicted = this.ring[this.start];
      if (evicted) this.floorRv = evicted.rv;
      this.ring[this.start] = change;
      this.start = (this.start + 1) % this.capacity;
      return;
    }
    this.ring[(this.start + this.size) % this.capacity] = change;
    this.size++;
  }

  /** Changes committed after `rv`, oldest first; undefined when `rv` is older than the window. */
  since(rv: number): Change[] | undefined {
    if (rv < this.floorRv) return undefined;
    const out: Change[] = [];
    // Binary search would be faster; windows are small and resumes rare.
    for (let i = 0; i < this.size; i++) {
      const change = this.ring[(this.start + i) % this.capacity];
      if (change && change.rv > rv) out.push(change);
    }
    return out;
  }
}
