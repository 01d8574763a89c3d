import { checkedFormatName } from './formats.js';
import { asSchemaNode, declaredTypes, type SchemaNode } from './schema-node.js';

/** JSON types a CRD schema may name. */
export const jsonTypes = ['array', 'boolean', 'integer', 'number', 'object', 'string'] as const;

/** Keywords dropped before handing a schema to ajv: annotations, and references CRDs may not use. */
const dropped = new Set([
  'default',
  'example',
  'description',
  'title',
  'externalDocs',
  '$schema',
  '$ref',
  'id',
  '$id',
  'definitions',
  'nullable',
  'type',
  'format',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

function convertList(value: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((entry) => toAjvSchema(asSchemaNode(entry) ?? {}));
}

/** Converts the numeric bounds: OpenAPI v3.0 marks exclusivity with booleans, JSON Schema draft-07 with numbers. */
function convertBounds(node: SchemaNode, out: Record<string, unknown>): void {
  if (typeof node.minimum === 'number') {
    if (node.exclusiveMinimum === true) out.exclusiveMinimum = node.minimum;
    else out.minimum = node.minimum;
  }
  if (typeof node.maximum === 'number') {
    if (node.exclusiveMaximum === true) out.exclusiveMaximum = node.maximum;
    else out.maximum = node.maximum;
  }
}

/**
 * The JSON Schema (draft-07) ajv validates with, derived from one CRD schema node the way
 * `ConvertJSONSchemaPropsWithPostProcess` derives kube-openapi's: int-or-string becomes `integer,string`,
 * `nullable` adds `null`, unchecked formats are stripped. Structure (properties, items, …) is kept in place so
 * that ajv's schema paths also address the original schema.
 */
export function toAjvSchema(node: SchemaNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (dropped.has(key)) continue;
    if (key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const props: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(value)) props[name] = toAjvSchema(asSchemaNode(child) ?? {});
      out.properties = props;
    } else if (key === 'additionalProperties' || key === 'items' || key === 'not') {
      const child = asSchemaNode(value);
      if (child) out[key] = toAjvSchema(child);
      else if (Array.isArray(value)) out[key] = convertList(value);
      else if (typeof value === 'boolean') out[key] = value;
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      const list = convertList(value);
      if (list && list.length > 0) out[key] = list;
    } else {
      out[key] = value;
    }
  }
  const types = declaredTypes(node).filter((t) => (jsonTypes as readonly string[]).includes(t));
  if (types.length > 0) {
    const withNull = node.nullable === true ? [...types, 'null'] : types;
    out.type = withNull.length === 1 ? withNull[0] : withNull;
  }
  if (Array.isArray(node.enum))
    out.enum = node.nullable === true && !node.enum.includes(null) ? [...node.enum, null] : node.enum;
  const format = checkedFormatName(node.format);
  if (format) out.format = format;
  convertBounds(node, out);
  return out;
}
