import { createHash } from 'node:crypto';

/** apimachinery's `rand.SafeEncodeString` alphabet (no vowels, no look-alike digits), as in Flagger's hashes. */
const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** Length of a revision hash, the longest Flagger's `ComputeHash` produces. */
const hashLength = 10;

/**
 * Fixed namespace of the name-based (version 5) UUIDs Weir writes as `flagger-id`. Any constant works; it
 * only has to stay the same across releases so that a restarted operator computes the same id.
 */
const flaggerIdNamespace = Buffer.from('6f1c2a0e4b7d4e59a3c8d2f17e0b9c54', 'hex');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted at every level, so equal values serialize equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = v[key];
    return sorted;
  });
}

/** Whether two JSON values are equal, ignoring key order (and `undefined` members, which JSON drops). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * A short stable hash of a JSON value: sha256 of its canonical JSON, written as 10 characters of
 * apimachinery's safe alphabet, so it looks like Flagger's `lastAppliedSpec` (e.g. `5cb5d7f4f9`).
 */
export function revisionHash(value: unknown): string {
  const digest = createHash('sha256').update(canonicalJson(value)).digest();
  let n = digest.readBigUInt64BE(0);
  let out = '';
  for (let i = 0; i < hashLength; i++) {
    out += alphabet[Number(n % 27n)];
    n /= 27n;
  }
  return out;
}

/**
 * The `flagger-id` pod-template annotation for a revision: a name-based (v5) UUID of the revision hash.
 * Flagger writes a random v4 UUID on every promotion to force a rollout; a deterministic id forces the same
 * rollout whenever the revision changes, yet repeating a promotion (after a crash, or a retried tick) writes
 * the very same template, so it is a no-op instead of a second rolling update of the primary.
 */
export function flaggerId(revision: string): string {
  const bytes = createHash('sha1').update(flaggerIdNamespace).update(revision).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
