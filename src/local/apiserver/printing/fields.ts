import { isJsonObject } from '../model/object.js';

/** A step into a JSON value: an object key or an array index. */
export type PathStep = string | number;

/** The value at `path` inside `value`, or `undefined` when any step is missing. */
export function at(value: unknown, ...path: PathStep[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isJsonObject(current)) return undefined;
      current = current[step];
    }
  }
  return current;
}

/** The string at `path`, or `''` (Go's zero value) when missing or not a string. */
export function str(value: unknown, ...path: PathStep[]): string {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : '';
}

/** The string at `path`, or `undefined` when missing or not a string (a Go `*string`). */
export function optStr(value: unknown, ...path: PathStep[]): string | undefined {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

/** The integer at `path`, or `0` (Go's zero value) when missing or not a number. */
export function int(value: unknown, ...path: PathStep[]): number {
  const found = at(value, ...path);
  return typeof found === 'number' ? Math.trunc(found) : 0;
}

/** The number at `path`, or `undefined` when missing or not a number (a Go `*int32`). */
export function optInt(value: unknown, ...path: PathStep[]): number | undefined {
  const found = at(value, ...path);
  return typeof found === 'number' ? Math.trunc(found) : undefined;
}

/** The array at `path`, or `[]` when missing or not an array. */
export function list(value: unknown, ...path: PathStep[]): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

/** The string-valued map at `path` (non-string values dropped), or `{}` when missing. */
export function strMap(value: unknown, ...path: PathStep[]): Record<string, string> {
  const found = at(value, ...path);
  const out: Record<string, string> = {};
  if (!isJsonObject(found)) return out;
  for (const [key, entry] of Object.entries(found)) {
    if (typeof entry === 'string') out[key] = entry;
  }
  return out;
}

/** How many keys the object at `path` has (Go's `len(map)`), or `0` when missing. */
export function mapSize(value: unknown, ...path: PathStep[]): number {
  const found = at(value, ...path);
  return isJsonObject(found) ? Object.keys(found).length : 0;
}
