import { createHash } from 'node:crypto';

/** Characters Go's encoding/json escapes that JSON.stringify leaves alone (HTML-safe output, JS line separators). */
const goEscapes: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function goString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => goEscapes[c] ?? c);
}

/**
 * What Go's `json.Marshal` writes for a `map[string]string` (or `map[string][]byte`, whose values the API
 * already carries as base64): keys sorted, Go's escaping, `null` for a nil map.
 */
export function goJsonOfStringMap(map: Readonly<Record<string, string>> | undefined): string {
  if (map === undefined || map === null) return 'null';
  const entries = Object.keys(map)
    .sort()
    .map((key) => `${goString(key)}:${goString(String(map[key]))}`);
  return `{${entries.join(',')}}`;
}

/**
 * Flagger's config checksum: the first 8 bytes of the sha256 of the JSON of `data`, in hex (16
 * characters), so `status.trackedConfigs` reads as Flagger's would. `binaryData` (which Flagger ignores)
 * counts only when present, so ConfigMaps without it keep Flagger's checksum.
 */
export function configChecksum(
  data: Readonly<Record<string, string>> | undefined,
  binaryData?: Readonly<Record<string, string>>,
): string {
  const hash = createHash('sha256').update(goJsonOfStringMap(data));
  if (binaryData !== undefined) hash.update(goJsonOfStringMap(binaryData));
  return hash.digest().subarray(0, 8).toString('hex');
}
