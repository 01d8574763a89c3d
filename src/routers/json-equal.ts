/**
 * Whether two JSON values mean the same to the API: key order, `undefined` members and empty arrays or
 * objects (which Go's `omitempty` drops) do not count.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return equalNormalized(normalize(a), normalize(b));
}

/** A copy of `value` without `undefined` members, empty arrays and empty objects (undefined when nothing is left). */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.length === 0 ? undefined : value.map((item) => normalize(item) ?? null);
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const normalized = normalize(member);
      if (normalized !== undefined) out[key] = normalized;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

function equalNormalized(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => equalNormalized(item, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => key in right && equalNormalized(left[key], right[key]));
}
