import { isJsonObject } from '../model/object.js';
import { additionalPropertiesOf, cloneJson, itemsOf, propertiesOf, type SchemaNode } from './schema-node.js';

/** The schema that applies to field `key` of an object node: a declared property, else the map-value schema. */
function schemaForField(key: string, schema: SchemaNode | undefined): SchemaNode | undefined {
  if (!schema) return undefined;
  return propertiesOf(schema).get(key) ?? additionalPropertiesOf(schema) ?? undefined;
}

function hasDefault(schema: SchemaNode | undefined): schema is SchemaNode & { default: unknown } {
  return schema !== undefined && schema.default !== undefined;
}

function isNonNullableNull(value: unknown, schema: SchemaNode | undefined): schema is SchemaNode {
  return value === null && schema !== undefined && schema.nullable !== true;
}

/**
 * apiextensions `PruneNonNullableNullsWithoutDefaults`: drops `null` values of fields that are neither nullable
 * nor defaulted (those with a default are replaced by it afterwards).
 */
export function pruneNonNullableNulls(value: unknown, schema: SchemaNode | undefined): void {
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    for (const item of value) pruneNonNullableNulls(item, items);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const child = schemaForField(key, schema);
    if (isNonNullableNull(value[key], child) && !hasDefault(child)) delete value[key];
    else pruneNonNullableNulls(value[key], child);
  }
}

/**
 * apiextensions structural defaulting: fills missing (or non-nullable `null`) properties that declare a
 * `default`, then recurses into properties, map values and array items. Defaults are deep-copied.
 */
export function applySchemaDefaults(value: unknown, schema: SchemaNode | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    value.forEach((item, i) => {
      if (isNonNullableNull(item, items) && hasDefault(items)) value[i] = cloneJson(items.default);
      applySchemaDefaults(value[i], items);
    });
    return;
  }
  if (!isJsonObject(value)) return;
  const properties = propertiesOf(schema);
  for (const [key, property] of properties) {
    if (!hasDefault(property)) continue;
    if (!(key in value) || value[key] === undefined || isNonNullableNull(value[key], property)) {
      value[key] = cloneJson(property.default);
    }
  }
  const additional = additionalPropertiesOf(schema) ?? undefined;
  for (const key of Object.keys(value)) {
    const property = properties.get(key);
    if (property) {
      applySchemaDefaults(value[key], property);
    } else if (additional) {
      if (isNonNullableNull(value[key], additional) && hasDefault(additional))
        value[key] = cloneJson(additional.default);
      applySchemaDefaults(value[key], additional);
    }
  }
}
