import { type FieldError, FieldErrorType } from '../model/field-error.js';
import { isJsonObject } from '../model/object.js';
import { childPath } from './field-path.js';
import { additionalPropertiesOf, itemsOf, propertiesOf, type SchemaNode } from './schema-node.js';

/** A canonical string of a JSON value, with object keys sorted, to compare list items. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isJsonObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Duplicates in one `set` or `map` list, as `field.Duplicate` errors on the later items. */
function listDuplicates(list: unknown[], schema: SchemaNode, path: string): FieldError[] {
  const listType = schema['x-kubernetes-list-type'];
  const keys = Array.isArray(schema['x-kubernetes-list-map-keys'])
    ? schema['x-kubernetes-list-map-keys']
    : [];
  if (listType !== 'set' && listType !== 'map') return [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    let identity: unknown = item;
    if (listType === 'map') {
      if (!isJsonObject(item)) return;
      identity = Object.fromEntries(keys.filter((k) => item[k] !== undefined).map((k) => [k, item[k]]));
    }
    const id = canonical(identity);
    if (seen.has(id))
      errors.push({ type: FieldErrorType.Duplicate, field: `${path}[${i}]`, badValue: identity });
    seen.add(id);
  });
  return errors;
}

/**
 * Checks `x-kubernetes-list-type: set|map` uniqueness throughout an object, as apiextensions does after schema
 * validation (duplicate set items, duplicate map-list keys).
 */
export function validateListTypes(value: unknown, schema: SchemaNode | undefined, path = ''): FieldError[] {
  if (!schema) return [];
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    const errors = listDuplicates(value, schema, path);
    for (const [i, item] of value.entries()) errors.push(...validateListTypes(item, items, `${path}[${i}]`));
    return errors;
  }
  if (!isJsonObject(value)) return [];
  const properties = propertiesOf(schema);
  const additional = additionalPropertiesOf(schema) ?? undefined;
  const errors: FieldError[] = [];
  for (const [key, child] of Object.entries(value)) {
    errors.push(...validateListTypes(child, properties.get(key) ?? additional, childPath(path, key)));
  }
  return errors;
}
