/**
 * Strategic merge patch directive names, JSON helpers, and the errors apimachinery raises for malformed
 * patches, worded as `k8s.io/apimachinery/pkg/util/mergepatch` words them.
 */
import { ApiError, badRequest } from '../model/api-error.js';
import type { JsonObject, JsonValue } from '../model/object.js';

/** `$patch`: `replace` / `delete` on a map, or a special list element. */
export const DIRECTIVE_MARKER = '$patch';
/** `$retainKeys`: clear every other key of the original map. */
export const RETAIN_KEYS = '$retainKeys';
/** `$setElementOrder/<field>`: the order the merged list must follow. */
export const SET_ELEMENT_ORDER = '$setElementOrder';
/** `$deleteFromPrimitiveList/<field>`: values to remove from a primitive list. */
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property of `object` (never one inherited from `Object.prototype`, e.g. `constructor`). */
export function getOwn(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets an own property, safely even for keys such as `__proto__`. */
export function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** True for a key that is a patch directive rather than a field. */
export function isDirectiveKey(key: string): boolean {
  return (
    key === DIRECTIVE_MARKER ||
    key === RETAIN_KEYS ||
    key.startsWith(SET_ELEMENT_ORDER) ||
    key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
  );
}

/**
 * A patch value as the real server stores it when the value is taken verbatim: decoding into the typed
 * object drops directive keys (unknown fields) and null properties (apimachinery discards them too).
 */
export function sanitize(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sanitize);
  if (isObject(value)) return sanitizeObject(value);
  return value;
}

/** {@link sanitize} for an object. */
export function sanitizeObject(object: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === null || value === undefined || isDirectiveKey(key)) continue;
    setOwn(out, key, sanitize(value));
  }
  return out;
}

/** A value printed the way Go's `%v` prints the decoded JSON, for error messages. */
export function goString(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${key}:${goString(value[key])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}

/** The Go type a decoded JSON value has, for error messages. */
export function goType(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'object') return 'map[string]interface {}';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  return typeof value === 'string' ? 'string' : 'bool';
}

/** Messages of the `mergepatch` sentinel errors the apiserver maps to 400. */
export const PatchFormatError = {
  primitiveList: 'invalid patch format of primitive list',
  retainKeys: 'invalid patch format of retainKeys',
  setElementOrder: 'invalid patch format of setElementOrder list',
} as const;

/** `mergepatch.ErrBadArgType`: a map or a list was expected. */
export function badArgType(expected: 'map' | 'list', actual: JsonValue | undefined): ApiError {
  const want = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return badRequest(`expected a ${want}, but received a ${goType(actual)}`);
}

/** `mergepatch.ErrNoMergeKey`: a list element lacks the declared merge key. */
export function noMergeKey(element: JsonValue | undefined, mergeKey: string): ApiError {
  return badRequest(`map: ${goString(element)} does not contain declared merge key: ${mergeKey}`);
}

/** `mergepatch.ErrBadPatchType`: an unknown `$patch` value. */
export function badPatchType(directive: JsonValue | undefined, element: JsonObject): ApiError {
  return badRequest(`unknown patch type: ${goString(directive)} in map: ${goString(element)}`);
}

/**
 * The generic 422 the apiserver answers for patches it understood but could not apply (a failed JSON
 * patch operation, `ErrNoListOfLists`, `ErrPatchContentNotMatchRetainKeys`): it hides the detail, so the
 * detail travels only as the error's `cause`.
 */
export function rejected(detail: string): ApiError {
  return new ApiError(
    'Invalid',
    'the server rejected our request due to an error in our request',
    {},
    { cause: new Error(detail) },
  );
}

/** The field name after a `<prefix>/` directive key, or a 400 when the key is malformed. */
export function directiveField(key: string, prefix: string, message: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw badRequest(message);
  return key.slice(slash + 1);
}
