// Alphabet of apimachinery's rand.SafeEncodeString: no vowels, no look-alike digits.
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a (32 bit) over the UTF-8 bytes of `text`. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Maps each character of `text` into the safe alphabet, as Kubernetes does for generated names. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += alphanums[text.charCodeAt(i) % alphanums.length];
  return out;
}

/** JSON with object keys sorted at every level and `undefined` members dropped: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A short, stable hash of a JSON value in the shape Flagger's `ComputeHash` produces (`5cb5d7f4f9`):
 * FNV-1a of a canonical serialization, its decimal digits safe-encoded. Equal values give equal hashes in
 * every process; the digits differ from Flagger's (it hashes a Go dump), which nothing compares across.
 */
export function computeHash(value: unknown): string {
  return safeEncodeString(String(fnv32a(canonicalJson(value))));
}
