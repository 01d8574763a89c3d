/**
 * Patch metadata for custom resources, derived from a CRD version's `openAPIV3Schema`, for server-side
 * apply (real servers refuse strategic merge patch on custom resources with 415; callers enforce that).
 */
import type { JsonObject } from '../model/object.js';
import { objectMetaSchema } from './builtin-schemas.js';
import { getOwn, isObject } from './directives.js';
import type { FieldPatchMeta, PatchSchema } from './patch-schema.js';

function isEmptyMeta(meta: FieldPatchMeta): boolean {
  return meta.strategy === undefined && meta.mergeKey === undefined && meta.schema === undefined;
}

/** The schema of an object node: its `properties` and `additionalProperties`, omitting untagged fields. */
function objectNode(node: JsonObject): PatchSchema | undefined {
  const fields: Record<string, FieldPatchMeta> = {};
  const properties = getOwn(node, 'properties');
  if (isObject(properties)) {
    for (const [name, property] of Object.entries(properties)) {
      if (!isObject(property)) continue;
      const meta = fieldNode(property);
      if (isEmptyMeta(meta)) continue;
      Object.defineProperty(fields, name, {
        value: meta,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  const additionalProperties = getOwn(node, 'additionalProperties');
  const additional = isObject(additionalProperties) ? fieldNode(additionalProperties) : undefined;
  const hasFields = Object.keys(fields).length > 0;
  const hasAdditional = additional !== undefined && !isEmptyMeta(additional);
  if (!hasFields && !hasAdditional) return undefined;
  return {
    ...(hasFields ? { fields } : {}),
    ...(hasAdditional ? { additional } : {}),
  };
}

/**
 * The metadata of one property: `x-kubernetes-list-type: map` merges by the first of
 * `x-kubernetes-list-map-keys`, `set` merges as a union, `atomic` (the default) replaces;
 * `x-kubernetes-map-type: atomic` replaces the whole map.
 */
function fieldNode(node: JsonObject): FieldPatchMeta {
  const items = getOwn(node, 'items');
  if (getOwn(node, 'type') === 'array' || isObject(items)) {
    const schema = isObject(items) ? objectNode(items) : undefined;
    const withSchema = schema ? { schema } : {};
    const listType = getOwn(node, 'x-kubernetes-list-type');
    const keys = getOwn(node, 'x-kubernetes-list-map-keys');
    const firstKey = Array.isArray(keys) ? keys[0] : undefined;
    if (listType === 'map' && typeof firstKey === 'string') {
      return { strategy: ['merge'], mergeKey: firstKey, ...withSchema };
    }
    if (listType === 'set') return { strategy: ['merge'], ...withSchema };
    return withSchema;
  }
  const schema = objectNode(node);
  const withSchema = schema ? { schema } : {};
  if (getOwn(node, 'x-kubernetes-map-type') === 'atomic') return { strategy: ['replace'], ...withSchema };
  return withSchema;
}

/**
 * Patch metadata of a custom resource from its CRD version's `openAPIV3Schema`; `metadata` always gets
 * the ObjectMeta metadata (`finalizers` as a set, `ownerReferences` keyed by `uid`).
 */
export function crdPatchSchema(openAPIV3Schema: JsonObject): PatchSchema {
  const root = objectNode(openAPIV3Schema) ?? {};
  const metadata = root.fields?.metadata;
  return {
    ...root,
    fields: { ...root.fields, metadata: { ...metadata, schema: objectMetaSchema } },
  };
}
