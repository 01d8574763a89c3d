import { isJsonObject } from '../model/object.js';
import { coerceObjectMeta } from './object-meta-fields.js';
import {
  additionalPropertiesOf,
  isEmbeddedResource,
  itemsOf,
  preservesUnknownFields,
  propertiesOf,
  type SchemaNode,
} from './schema-node.js';

const metaFields = new Set(['apiVersion', 'kind', 'metadata']);

/** Collects the dotted paths of removed fields while walking. */
class Pruner {
  readonly removed: string[] = [];

  /** apiextensions `prune`: drops fields the schema does not specify, below `path`. */
  prune(value: unknown, schema: SchemaNode | null | undefined, path: string, embedded: boolean): void {
    if (schema && preservesUnknownFields(schema)) {
      this.skipPrune(value, schema, path, embedded);
      return;
    }
    if (Array.isArray(value)) {
      const items = schema ? itemsOf(schema) : undefined;
      for (const [i, item] of value.entries())
        this.prune(item, items, `${path}[${i}]`, isEmbeddedResource(items));
      return;
    }
    if (!isJsonObject(value)) return;
    if (embedded) coerceObjectMeta(value, path === '' ? '' : `${path}.`, this.removed);
    const properties = propertiesOf(schema ?? undefined);
    const additional = additionalPropertiesOf(schema ?? undefined);
    for (const key of Object.keys(value)) {
      if (embedded && metaFields.has(key)) continue;
      const childPath = path === '' ? key : `${path}.${key}`;
      const property = properties.get(key);
      if (schema && property) {
        this.prune(value[key], property, childPath, isEmbeddedResource(property));
      } else if (schema && additional !== undefined) {
        this.prune(value[key], additional, childPath, isEmbeddedResource(additional ?? undefined));
      } else {
        this.removed.push(childPath);
        delete value[key];
      }
    }
  }

  /** apiextensions `skipPrune`: keeps unknown fields but still prunes inside the declared ones. */
  private skipPrune(value: unknown, schema: SchemaNode, path: string, embedded: boolean): void {
    if (Array.isArray(value)) {
      const items = itemsOf(schema);
      if (!items) return;
      for (const [i, item] of value.entries())
        this.skipPrune(item, items, `${path}[${i}]`, isEmbeddedResource(items));
      return;
    }
    if (!isJsonObject(value)) return;
    if (embedded) coerceObjectMeta(value, path === '' ? '' : `${path}.`, this.removed);
    const properties = propertiesOf(schema);
    const additional = additionalPropertiesOf(schema);
    for (const key of Object.keys(value)) {
      if (embedded && metaFields.has(key)) continue;
      const childPath = path === '' ? key : `${path}.${key}`;
      const property = properties.get(key);
      if (property) this.prune(value[key], property, childPath, isEmbeddedResource(property));
      else if (additional) this.prune(value[key], additional, childPath, isEmbeddedResource(additional));
    }
  }
}

/**
 * Removes, in place, every field of a custom resource that its structural schema does not declare, the way
 * kube-apiserver prunes on decode: `x-kubernetes-preserve-unknown-fields` keeps unknown fields (declared ones
 * are still pruned inside), `additionalProperties` schemas apply to map values, embedded resources and the root
 * keep `apiVersion`, `kind` and `metadata`, whose own fields are reduced to ObjectMeta's.
 * Returns the removed paths (`spec.foo`, `spec.items[0].bar`, `metadata.foo`), sorted.
 */
export function pruneUnknownFields(object: Record<string, unknown>, schema: SchemaNode): string[] {
  const pruner = new Pruner();
  pruner.prune(object, schema, '', true);
  return pruner.removed.sort();
}
