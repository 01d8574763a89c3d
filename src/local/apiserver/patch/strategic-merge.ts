/**
 * Strategic merge patch, applied the way apimachinery's `strategicpatch.StrategicMergeMapPatch` applies
 * it on the server (`MergeParallelList` and `IgnoreUnmatchedNulls` on), including the fixes of k8s 1.23
 * and 1.25 (a `$deleteFromPrimitiveList` never adds values, and deletes whatever the field's strategy).
 *
 * Values the real server takes verbatim from the patch (a key absent from the original, a type change, a
 * replaced list or map) are stored the way decoding into the typed object leaves them: without directive
 * keys and without null properties (see {@link sanitize}).
 */
import { badRequest } from '../model/api-error.js';
import { cloneJson } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/object.js';
import {
  badArgType,
  badPatchType,
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE_MARKER,
  directiveField,
  getOwn,
  goString,
  isObject,
  noMergeKey,
  PatchFormatError,
  RETAIN_KEYS,
  rejected,
  SET_ELEMENT_ORDER,
  sanitize,
  sanitizeObject,
  setOwn,
} from './directives.js';
import { fieldPatchMeta, mainStrategy, type PatchSchema, valueSchema } from './patch-schema.js';
import { elementKind, mergeList, normalizeElementOrder, partitionByPresence } from './strategic-list.js';

/**
 * Applies a strategic merge patch to `original` using the field metadata in `schema`, returning a new
 * object (neither argument is modified); malformed patches throw an `ApiError` (400, or 422 where the
 * real apiserver answers 422).
 */
export function strategicMergePatch(
  original: JsonObject,
  patch: JsonObject,
  schema: PatchSchema,
): JsonObject {
  if (!isObject(original) || !isObject(patch)) throw badRequest('invalid JSON document');
  return mergeMap(cloneJson(original), cloneJson(patch), schema);
}

/** `mergeMap`: merges `patch` into `original`, mutating both (callers pass clones). */
function mergeMap(original: JsonObject, patch: JsonObject, schema: PatchSchema): JsonObject {
  const directive = getOwn(patch, DIRECTIVE_MARKER);
  if (directive !== undefined) return mapDirective(directive, patch);
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, schema);

  for (const key of Object.keys(patch)) {
    const patchValue = getOwn(patch, key);
    if (patchValue === undefined) continue;
    const isDeleteList = key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    const field = isDeleteList
      ? directiveField(key, DELETE_FROM_PRIMITIVE_LIST, PatchFormatError.primitiveList)
      : key;
    if (patchValue === null) {
      delete original[field];
      continue;
    }
    const originalValue = getOwn(original, field);
    if (originalValue === undefined || kindOf(originalValue) !== kindOf(patchValue)) {
      if (!isDeleteList) setOwn(original, field, sanitize(patchValue));
      continue;
    }
    setOwn(original, field, mergeValue(originalValue, patchValue, schema, field, isDeleteList));
  }
  return original;
}

/** Merges two values of the same JSON kind found under `field`. */
function mergeValue(
  originalValue: JsonValue,
  patchValue: JsonValue,
  schema: PatchSchema,
  field: string,
  isDeleteList: boolean,
): JsonValue {
  const meta = fieldPatchMeta(schema, field);
  const strategy = mainStrategy(meta);
  if (isObject(originalValue) && isObject(patchValue)) {
    return strategy === 'replace'
      ? sanitizeObject(patchValue)
      : mergeMap(originalValue, patchValue, valueSchema(meta));
  }
  if (Array.isArray(originalValue) && Array.isArray(patchValue)) {
    if (strategy !== 'merge' && !isDeleteList) return sanitize(patchValue);
    return mergeList(originalValue, patchValue, {
      mergeKey: meta.mergeKey ?? '',
      schema: valueSchema(meta),
      isDeleteList,
      mergeElement: mergeMap,
    });
  }
  return patchValue;
}

/** The JSON kind used to decide whether two values can be merged (Go compares their types). */
function kindOf(value: JsonValue): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** `$patch` on a map: `replace` takes the rest of the patch as is, `delete` leaves an empty map. */
function mapDirective(directive: JsonValue, patch: JsonObject): JsonObject {
  if (directive === 'replace') return sanitizeObject(patch);
  if (directive === 'delete') return {};
  throw badPatchType(directive, patch);
}

/**
 * `$retainKeys`: every non-null field of the patch must be listed (else 422, as the real server answers
 * `ErrPatchContentNotMatchRetainKeys`), and keys of the original not listed are cleared before merging.
 */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  const retainKeys = getOwn(patch, RETAIN_KEYS);
  if (retainKeys === undefined) return;
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retainKeys)) throw badRequest(PatchFormatError.retainKeys);
  const keep = new Set(retainKeys.filter((key): key is string => typeof key === 'string'));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(key)) throw rejected("patch content doesn't match retainKeys list");
  }
  for (const key of Object.keys(original)) {
    if (!keep.has(key)) delete original[key];
  }
}

/**
 * `mergePatchIntoOriginal`: for each `$setElementOrder/<field>`, merges the field's patch list (if any)
 * into the original list, then orders the result: the listed items by the directive, server-only items
 * by their original order, interleaved as {@link normalizeElementOrder} does. Consumes the patch list.
 */
function applySetElementOrder(original: JsonObject, patch: JsonObject, schema: PatchSchema): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = getOwn(patch, key);
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('list', order);
    const field = directiveField(key, SET_ELEMENT_ORDER, PatchFormatError.setElementOrder);
    const originalList = getOwn(original, field);
    const patchList = getOwn(patch, field);
    if (originalList !== undefined && !Array.isArray(originalList)) throw badArgType('list', originalList);
    if (patchList !== undefined && !Array.isArray(patchList)) throw badArgType('list', patchList);
    const meta = fieldPatchMeta(schema, field);
    const mergeKey = meta.mergeKey ?? '';
    validateOrder(patchList ?? [], order, mergeKey);

    let merged: JsonValue[];
    if (originalList && patchList) {
      merged =
        mainStrategy(meta) === 'merge'
          ? mergeList(originalList, patchList, {
              mergeKey,
              schema: valueSchema(meta),
              isDeleteList: false,
              mergeElement: mergeMap,
            })
          : patchList;
    } else if (originalList || patchList) {
      merged = originalList ?? patchList ?? [];
    } else {
      continue;
    }
    delete patch[field];
    const kind = elementKind(originalList ?? [], patchList ?? []);
    if (kind === undefined) {
      setOwn(original, field, sanitize(merged));
      continue;
    }
    const { present, absent } = partitionByPresence(merged, order, mergeKey, kind);
    const ordered = normalizeElementOrder(present, absent, order, originalList ?? [], mergeKey, kind);
    setOwn(original, field, sanitize(ordered));
  }
}

/**
 * `validatePatchWithSetOrderList`: the patch list's items (ignoring `$patch` elements) must appear in the
 * `$setElementOrder` list, in the same relative order.
 */
function validateOrder(patchList: JsonValue[], order: JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey) {
    for (const item of patchList) if (!isObject(item)) throw badArgType('map', item);
    items = patchList.filter((item) => !(isObject(item) && getOwn(item, DIRECTIVE_MARKER) === 'delete'));
  }
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p] ?? null;
    if (isObject(item) && getOwn(item, DIRECTIVE_MARKER) !== undefined) {
      p++;
      continue;
    }
    if (sameKey(item, order[o] ?? null, mergeKey)) p++;
    o++;
  }
  if (p < items.length) {
    throw badRequest(
      `The order in patch list:\n${goString(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goString(order)}\n`,
    );
  }
}

/** `mergeKeyValueEqual`: scalars compare as values, maps by their merge key (which both must have). */
function sameKey(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (!mergeKey) return !isObject(left) && !Array.isArray(left) && left === right;
  if (!isObject(left)) throw badArgType('map', left);
  if (!isObject(right)) throw badArgType('map', right);
  const leftKey = getOwn(left, mergeKey);
  const rightKey = getOwn(right, mergeKey);
  if (leftKey === undefined) throw noMergeKey(left, mergeKey);
  if (rightKey === undefined) throw noMergeKey(right, mergeKey);
  return leftKey === rightKey;
}
