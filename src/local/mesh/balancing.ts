/** A source of uniformly distributed numbers in [0, 1), injected so tests can seed it. */
export type Random = () => number;

/**
 * Picks an item with probability weight / total (Envoy's weighted clusters); when every weight is 0 the
 * first item, undefined only for an empty list.
 */
export function pickWeighted<T extends { weight: number }>(
  items: readonly T[],
  total: number,
  random: Random,
): T | undefined {
  if (items.length <= 1 || total <= 0) return items[0];
  let point = random() * total;
  for (const item of items) {
    if (point < item.weight) return item;
    point -= item.weight;
  }
  // Floating-point rest: the last item that has weight.
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.weight > 0) return items[i];
  return items[0];
}

/** Round-robin positions per backend, kept across routing-table rebuilds. */
export class RoundRobin {
  private readonly positions = new Map<string, number>();

  /** The next index in [0, length) for `key`. */
  next(key: string, length: number): number {
    const position = this.positions.get(key) ?? 0;
    this.positions.set(key, position + 1 >= 1_000_000_000 ? 0 : position + 1);
    return position % length;
  }
}

/** A small deterministic generator (mulberry32) for seeded runs of the mesh. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
