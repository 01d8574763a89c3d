/**
 * Patch metadata: what the `patchStrategy` / `patchMergeKey` struct tags of k8s.io/api say about each
 * field, in a form the strategic merge patch and server-side apply code can walk without Go reflection.
 */
import { objectSchema, schemaForKind } from './builtin-schemas.js';

/** A `patchStrategy` tag value; a field may carry several (e.g. `merge,retainKeys`). */
export type PatchStrategy = 'merge' | 'replace' | 'retainKeys';

/** The patch metadata of one field. */
export interface FieldPatchMeta {
  /** The field's `patchStrategy` tag, split on commas; absent means lists replace and maps merge. */
  readonly strategy?: readonly PatchStrategy[];
  /** The field's `patchMergeKey` tag: the element field that identifies an item of a merged list. */
  readonly mergeKey?: string;
  /** Metadata of the field's value: the map's own fields, or each element's fields for a list. */
  readonly schema?: PatchSchema;
}

/** The patch metadata of a JSON object's fields. */
export interface PatchSchema {
  /** Known fields by JSON name; a field without tags may be omitted. */
  readonly fields?: Readonly<Record<string, FieldPatchMeta>>;
  /** Metadata for any field not in `fields` (the values of a map, or `additionalProperties`). */
  readonly additional?: FieldPatchMeta;
}

const NO_META: FieldPatchMeta = {};
const EMPTY_SCHEMA: PatchSchema = {};

/** The metadata of `field` in `schema`, falling back to `additional`, then to no metadata at all. */
export function fieldPatchMeta(schema: PatchSchema, field: string): FieldPatchMeta {
  const fields = schema.fields;
  if (fields && Object.hasOwn(fields, field)) return fields[field] ?? NO_META;
  return schema.additional ?? NO_META;
}

/** The schema of a field's value (or of its elements), empty when the field has none. */
export function valueSchema(meta: FieldPatchMeta): PatchSchema {
  return meta.schema ?? EMPTY_SCHEMA;
}

/**
 * The single non-`retainKeys` strategy of a field, as apimachinery's `extractRetainKeysPatchStrategy`
 * reduces it: `merge`, `replace`, or undefined when the field has none.
 */
export function mainStrategy(meta: FieldPatchMeta): 'merge' | 'replace' | undefined {
  for (const strategy of meta.strategy ?? []) {
    if (strategy !== 'retainKeys') return strategy;
  }
  return undefined;
}

/**
 * The patch metadata of a built-in kind, as its k8s.io/api struct tags declare it; kinds this server does
 * not know get the metadata every object shares (`metadata.finalizers`, `metadata.ownerReferences`).
 */
export function builtinPatchSchema(group: string, kind: string): PatchSchema {
  return schemaForKind(group, kind) ?? objectSchema({});
}
