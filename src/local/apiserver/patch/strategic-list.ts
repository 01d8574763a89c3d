/**
 * List handling of strategic merge patch: merging lists with the `merge` strategy, the `$patch` list
 * elements, `$deleteFromPrimitiveList`, and apimachinery's ordering rules (`normalizeElementOrder`).
 */
import { badRequest } from '../model/api-error.js';
import type { JsonObject, JsonValue } from '../model/object.js';
import {
  badArgType,
  badPatchType,
  DIRECTIVE_MARKER,
  getOwn,
  goString,
  isObject,
  noMergeKey,
  rejected,
  sanitize,
} from './directives.js';
import type { PatchSchema } from './patch-schema.js';

/** Whether a list holds maps or scalars. */
export type ElementKind = 'map' | 'scalar';

/** How to merge the elements of one list. */
export interface ListMergeOptions {
  /** The merge key of a list of maps (empty for scalars). */
  mergeKey: string;
  /** Schema of each element. */
  schema: PatchSchema;
  /** True when the patch list is a `$deleteFromPrimitiveList` list. */
  isDeleteList: boolean;
  /** Merges a patch element into the original element with the same key. */
  mergeElement: (original: JsonObject, patch: JsonObject, schema: PatchSchema) => JsonObject;
}

/** The kind of the elements of `lists` (undefined when all are empty); lists of lists are refused. */
export function elementKind(...lists: JsonValue[][]): ElementKind | undefined {
  let previous: string | undefined;
  for (const value of lists.flat()) {
    if (Array.isArray(value)) throw rejected('lists of lists are not supported');
    const type = value === null ? 'null' : typeof value;
    if (previous !== undefined && previous !== type) {
      throw badRequest(`list element types are not identical: ${goString(lists)}`);
    }
    previous = type;
  }
  if (previous === undefined) return undefined;
  return previous === 'object' ? 'map' : 'scalar';
}

/** `mergeSlice`: merges a patch list into an original list whose field has the `merge` strategy. */
export function mergeList(original: JsonValue[], patch: JsonValue[], options: ListMergeOptions): JsonValue[] {
  const kind = elementKind(original, patch);
  if (kind === undefined) return original;
  if (kind === 'scalar') {
    if (options.isDeleteList) return original.filter((value) => !patch.includes(value));
    const merged = [...new Set([...original, ...patch])];
    const patchItems = merged.filter((value) => patch.includes(value));
    const serverOnly = merged.filter((value) => !patch.includes(value));
    return normalizeElementOrder(patchItems, serverOnly, patch, original, '', kind);
  }
  const { mergeKey } = options;
  if (!mergeKey) throw badRequest('cannot merge lists without merge key for type struct');
  const { base, items } = applySpecialElements(original as JsonObject[], patch as JsonObject[], mergeKey);
  const merged: JsonValue[] = [...base];
  for (const item of items) {
    const keyValue = getOwn(item, mergeKey);
    if (keyValue === undefined) throw noMergeKey(item, mergeKey);
    const index = merged.findIndex((element) => isObject(element) && getOwn(element, mergeKey) === keyValue);
    const found = merged[index];
    if (isObject(found)) merged[index] = options.mergeElement(found, item, options.schema);
    else merged.push(sanitize(item));
  }
  const { present, absent } = partitionByPresence(merged, items, mergeKey, kind);
  return normalizeElementOrder(present, absent, items, base, mergeKey, kind);
}

/**
 * `mergeSliceWithSpecialElements`: `{"$patch":"delete", <key>: v}` removes every original element with
 * that key; a `{"$patch":"replace"}` element makes the other patch elements the whole list.
 */
function applySpecialElements(
  original: JsonObject[],
  patch: JsonObject[],
  mergeKey: string,
): { base: JsonValue[]; items: JsonObject[] } {
  let base: JsonValue[] = original;
  const plain: JsonObject[] = [];
  let replace = false;
  for (const element of patch) {
    const directive = getOwn(element, DIRECTIVE_MARKER);
    if (directive === undefined) {
      plain.push(element);
    } else if (directive === 'delete') {
      const keyValue = getOwn(element, mergeKey);
      if (keyValue === undefined) throw noMergeKey(element, mergeKey);
      base = base.filter((item) => !(isObject(item) && getOwn(item, mergeKey) === keyValue));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw badRequest('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, element);
    }
  }
  return replace ? { base: plain.map(sanitize), items: [] } : { base, items: plain };
}

/** Splits `list` into the items present in `by` and the rest (by merge key for maps). */
export function partitionByPresence(
  list: JsonValue[],
  by: JsonValue[],
  mergeKey: string,
  kind: ElementKind,
): { present: JsonValue[]; absent: JsonValue[] } {
  const present: JsonValue[] = [];
  const absent: JsonValue[] = [];
  for (const item of list) {
    let found: boolean;
    if (kind === 'scalar' && !mergeKey) {
      found = by.includes(item);
    } else {
      if (!isObject(item)) throw badArgType('map', item);
      const keyValue = getOwn(item, mergeKey);
      if (keyValue === undefined) throw noMergeKey(item, mergeKey);
      found = by.some((other) => isObject(other) && getOwn(other, mergeKey) === keyValue);
    }
    (found ? present : absent).push(item);
  }
  return { present, absent };
}

/**
 * `normalizeElementOrder`: sorts the patch items by `patchOrder` and the server-only items by
 * `serverOrder`, then interleaves them keeping both relative orders (see {@link mergeSorted}).
 */
export function normalizeElementOrder(
  patchItems: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: JsonValue[],
  serverOrder: JsonValue[],
  mergeKey: string,
  kind: ElementKind,
): JsonValue[] {
  const sortedPatch = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const sortedServer = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSorted(sortedServer, sortedPatch, serverOrder, mergeKey, kind);
}

/** The identity of an item for ordering: its merge-key value for maps (null when missing), else itself. */
function identity(item: JsonValue, mergeKey: string, kind: ElementKind): JsonValue {
  if (kind !== 'map') return item;
  return isObject(item) ? (getOwn(item, mergeKey) ?? null) : null;
}

function indexIn(list: JsonValue[], item: JsonValue, mergeKey: string, kind: ElementKind): number {
  const id = identity(item, mergeKey, kind);
  return list.findIndex((other) => identity(other, mergeKey, kind) === id);
}

/**
 * `normalizeSliceOrder`: a stable sort of `toSort` by position in `order`; for maps every item must have
 * the merge key and `$patch: delete` items go last. Items missing from `order` (which apimachinery's
 * callers never produce) are kept, in their relative order, after the sorted ones.
 */
function sortByOrder(
  toSort: JsonValue[],
  order: JsonValue[],
  mergeKey: string,
  kind: ElementKind,
): JsonValue[] {
  let items = toSort;
  let deletions: JsonValue[] = [];
  if (kind === 'map') {
    for (const item of [...toSort, ...order]) {
      if (!isObject(item)) throw badArgType('map', item);
      if (getOwn(item, mergeKey) === undefined) throw noMergeKey(item, mergeKey);
    }
    const isDelete = (item: JsonValue) => isObject(item) && getOwn(item, DIRECTIVE_MARKER) === 'delete';
    items = toSort.filter((item) => !isDelete(item));
    deletions = toSort.filter(isDelete);
  }
  const ranked = items.map((item, position) => ({
    item,
    position,
    rank: indexIn(order, item, mergeKey, kind),
  }));
  const found = ranked
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.position - b.position);
  const missing = ranked.filter((entry) => entry.rank < 0);
  return [...found, ...missing].map((entry) => entry.item).concat(deletions);
}

/**
 * `mergeSortedSlice`: interleaves server-only items (`left`) with patch items (`right`). A server-only
 * item goes first only when both it and the patch item are in `serverOrder` and it precedes there;
 * otherwise the patch item goes first, so new items land before the remaining server-only ones.
 */
function mergeSorted(
  left: JsonValue[],
  right: JsonValue[],
  serverOrder: JsonValue[],
  mergeKey: string,
  kind: ElementKind,
): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    if (l === undefined) {
      if (r !== undefined) out.push(r);
      j++;
    } else if (r === undefined) {
      out.push(l);
      i++;
    } else {
      const li = indexIn(serverOrder, l, mergeKey, kind);
      const ri = indexIn(serverOrder, r, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) {
        out.push(l);
        i++;
      } else {
        out.push(r);
        j++;
      }
    }
  }
  return out;
}
