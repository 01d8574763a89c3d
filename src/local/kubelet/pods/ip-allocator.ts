/** The pod network ran out of addresses. */
export class PodNetworkFullError extends Error {
  readonly code = 'PodNetworkFull';
  constructor(cidr: string) {
    super(`no free pod IP left in ${cidr}`);
    this.name = 'PodNetworkFullError';
  }
}

/** The CIDR is not an IPv4 loopback range like `127.1.0.0/16`. */
export class InvalidPodCidrError extends Error {
  readonly code = 'InvalidPodCidr';
  constructor(cidr: string) {
    super(`pod CIDR "${cidr}" is not an IPv4 range inside 127.0.0.0/8 (e.g. 127.1.0.0/16)`);
    this.name = 'InvalidPodCidrError';
  }
}

function toNumber(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

function toIp(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/**
 * Hands out pod IPs from a loopback range (every 127.x address reaches this machine on Linux), one per
 * pod uid. Allocation moves forward through the range, so a freed address is reused only after the others
 * — a just-stopped pod's address is not handed to the next pod while clients may still hold it.
 */
export class IpAllocator {
  private readonly first: number;
  private readonly last: number;
  private readonly byIp = new Map<number, string>();
  private readonly byOwner = new Map<string, number>();
  private cursor: number;

  constructor(private readonly cidr = '127.1.0.0/16') {
    const [base, bitsText] = cidr.split('/');
    const bits = Number(bitsText);
    const start = base === undefined ? undefined : toNumber(base);
    if (start === undefined || !Number.isInteger(bits) || bits < 8 || bits > 30 || start >>> 24 !== 127)
      throw new InvalidPodCidrError(cidr);
    const size = 2 ** (32 - bits);
    const network = start - (start % size);
    // Skip the network and broadcast addresses, as a real pod network would.
    this.first = network + 1;
    this.last = network + size - 2;
    this.cursor = this.first;
  }

  /** Whether `ip` is inside the range. */
  contains(ip: string): boolean {
    const value = toNumber(ip);
    return value !== undefined && value >= this.first && value <= this.last;
  }

  /** Records an address a pod already has (after a restart); false when it is outside the range or taken. */
  claim(owner: string, ip: string): boolean {
    const value = toNumber(ip);
    if (value === undefined || !this.contains(ip)) return false;
    const holder = this.byIp.get(value);
    if (holder !== undefined && holder !== owner) return false;
    this.release(owner);
    this.byIp.set(value, owner);
    this.byOwner.set(owner, value);
    if (value >= this.cursor) this.cursor = value === this.last ? this.first : value + 1;
    return true;
  }

  /** The owner's address, allocating the next free one when it has none. */
  allocate(owner: string): string {
    const held = this.byOwner.get(owner);
    if (held !== undefined) return toIp(held);
    const size = this.last - this.first + 1;
    for (let i = 0; i < size; i++) {
      const candidate = this.cursor;
      this.cursor = candidate === this.last ? this.first : candidate + 1;
      if (this.byIp.has(candidate)) continue;
      this.byIp.set(candidate, owner);
      this.byOwner.set(owner, candidate);
      return toIp(candidate);
    }
    throw new PodNetworkFullError(this.cidr);
  }

  /** Frees the owner's address. */
  release(owner: string): void {
    const held = this.byOwner.get(owner);
    if (held === undefined) return;
    this.byOwner.delete(owner);
    this.byIp.delete(held);
  }

  /** The owner's address, if any. */
  addressOf(owner: string): string | undefined {
    const held = this.byOwner.get(owner);
    return held === undefined ? undefined : toIp(held);
  }
}
