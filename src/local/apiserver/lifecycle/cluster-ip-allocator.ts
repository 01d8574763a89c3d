import type { ObjectStore } from '../store/object-store.js';

const rangeSize = 1 << 20;

/** Hands out ClusterIPs from 10.96.0.0/12, never one a Service already holds. */
export class ClusterIpAllocator {
  private next = 10;
  private used: Set<string> | undefined;

  constructor(
    private readonly store: ObjectStore,
    private readonly servicesKey: string,
  ) {}

  /** A free address; 10.96.0.1 is reserved for the `kubernetes` Service. */
  allocate(): string {
    // Addresses are handed out in order and freed ones only reused after a wrap-around,
    // so the set of taken addresses is read from the store once, not per allocation.
    this.used ??= this.scan();
    for (let tries = 0; tries < rangeSize; tries++) {
      const ip = ipAt(this.next);
      this.next = this.next + 1 >= rangeSize - 1 ? 2 : this.next + 1;
      if (this.next === 2) this.used = this.scan();
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
    throw new Error('service IP range 10.96.0.0/12 is exhausted');
  }

  private scan(): Set<string> {
    const used = new Set<string>();
    for (const service of this.store.list(this.servicesKey)) {
      const ip = (service.spec as { clusterIP?: unknown } | undefined)?.clusterIP;
      if (typeof ip === 'string') used.add(ip);
    }
    return used;
  }
}

function ipAt(offset: number): string {
  const n = ((10 << 24) | (96 << 16)) + offset;
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
