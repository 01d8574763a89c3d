/**
 * Server-side apply (`application/apply-patch+yaml`) without managed-fields bookkeeping: create the
 * object, or merge the applied configuration into the live one. Maps merge; lists whose field merges by
 * a key (`patchMergeKey`, or the first `x-kubernetes-list-map-keys`) merge item by item; every other
 * list, and every scalar, takes the applied value. A `null` in the applied configuration removes the
 * field. Since nobody's ownership is tracked, fields the applier dropped since its last apply are kept.
 */
import { badRequest } from '../model/api-error.js';
import { cloneJson } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/object.js';
import { getOwn, isObject, setOwn } from './directives.js';
import { fieldPatchMeta, mainStrategy, type PatchSchema, valueSchema } from './patch-schema.js';

/**
 * The object that results from applying `applied` over `live` (or creating it when `live` is undefined),
 * as a new object; neither argument is modified.
 */
export function serverSideApply(
  live: JsonObject | undefined,
  applied: JsonObject,
  schema: PatchSchema,
): JsonObject {
  if (!isObject(applied)) throw badRequest('error decoding YAML: the applied configuration is not an object');
  if (live === undefined) return applyObject({}, applied, schema, '');
  return applyObject(cloneJson(live), applied, schema, '');
}

/** Merges `applied` into `live` (a clone this module owns) and returns it. */
function applyObject(live: JsonObject, applied: JsonObject, schema: PatchSchema, path: string): JsonObject {
  for (const key of Object.keys(applied)) {
    const value = getOwn(applied, key);
    if (value === undefined) continue;
    if (value === null) {
      delete live[key];
      continue;
    }
    const current = getOwn(live, key);
    const meta = fieldPatchMeta(schema, key);
    const strategy = mainStrategy(meta);
    const fieldPath = `${path}.${key}`;
    if (isObject(value)) {
      const base = isObject(current) && strategy !== 'replace' ? current : {};
      setOwn(live, key, applyObject(base, value, valueSchema(meta), fieldPath));
    } else if (Array.isArray(value) && strategy === 'merge' && meta.mergeKey) {
      const base = Array.isArray(current) ? current : [];
      setOwn(live, key, applyList(base, value, meta.mergeKey, valueSchema(meta), fieldPath));
    } else if (Array.isArray(value)) {
      setOwn(live, key, value.map(withoutNulls));
    } else {
      setOwn(live, key, value);
    }
  }
  return live;
}

/** A value with its null properties removed, as decoding an apply configuration leaves it. */
function withoutNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (isObject(value)) return applyObject({}, value, {}, '');
  return value;
}

/** The applied items by merge-key value; every item must have a unique key. */
function keyedItems(applied: JsonValue[], mergeKey: string, path: string): Map<JsonValue, JsonObject> {
  const byKey = new Map<JsonValue, JsonObject>();
  applied.forEach((item, index) => {
    const keyValue = isObject(item) ? getOwn(item, mergeKey) : undefined;
    if (!isObject(item) || keyValue === undefined || keyValue === null) {
      throw badRequest(
        `failed to create typed patch object: ${path}: element ${index}: associative list with keys has an element that omits key field "${mergeKey}" (and doesn't have default value)`,
      );
    }
    if (byKey.has(keyValue)) {
      throw badRequest(
        `failed to create typed patch object: ${path}: duplicate entries for key [${mergeKey}=${JSON.stringify(keyValue)}]`,
      );
    }
    byKey.set(keyValue, item);
  });
  return byKey;
}

/**
 * Merges an associative list: walks live and applied items together like structured-merge-diff does,
 * so items in both follow the applied order, live-only items stay where they were, and new items land at
 * their applied position.
 */
function applyList(
  live: JsonValue[],
  applied: JsonValue[],
  mergeKey: string,
  schema: PatchSchema,
  path: string,
): JsonValue[] {
  const appliedByKey = keyedItems(applied, mergeKey, path);
  const liveByKey = new Map<JsonValue, JsonObject>();
  for (const item of live) {
    const keyValue = isObject(item) ? getOwn(item, mergeKey) : undefined;
    if (isObject(item) && keyValue !== undefined && !liveByKey.has(keyValue)) liveByKey.set(keyValue, item);
  }
  const keyOf = (item: JsonValue | undefined): JsonValue | undefined =>
    isObject(item) ? getOwn(item, mergeKey) : undefined;
  const emitted = new Set<JsonValue>();
  const out: JsonValue[] = [];
  const emitApplied = (item: JsonObject, keyValue: JsonValue) => {
    const base = liveByKey.get(keyValue);
    const itemPath = `${path}[${mergeKey}=${JSON.stringify(keyValue)}]`;
    out.push(applyObject(base ?? {}, item, schema, itemPath));
    emitted.add(keyValue);
  };

  let l = 0;
  let a = 0;
  while (l < live.length || a < applied.length) {
    const liveItem = live[l];
    const liveKey = keyOf(liveItem);
    const appliedItem = applied[a];
    const appliedKey = keyOf(appliedItem);
    if (liveItem !== undefined && liveKey !== undefined && emitted.has(liveKey)) {
      l++;
    } else if (isObject(appliedItem) && appliedKey !== undefined) {
      if (liveItem !== undefined && (liveKey === undefined || !appliedByKey.has(liveKey))) {
        out.push(liveItem);
        l++;
      } else {
        emitApplied(appliedItem, appliedKey);
        a++;
        if (liveKey === appliedKey) l++;
      }
    } else if (liveItem !== undefined) {
      out.push(liveItem);
      l++;
    } else {
      a++;
    }
  }
  return out;
}
