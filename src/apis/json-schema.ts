import type { TSchema } from '@sinclair/typebox';

/** A JSON value, as it appears in a schema (`default`, `enum`) or on the wire. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One node of an OpenAPI v3 schema as plain JSON: what a CRD carries and ajv compiles. */
export interface JsonSchemaNode {
  [keyword: string]: JsonValue;
}

/**
 * Keywords in the order the generated CRDs list them: what a node is first, then its constraints, then its
 * children. Keywords not listed keep their relative order after these.
 */
const keywordOrder = [
  'description',
  'type',
  'format',
  'enum',
  'pattern',
  'default',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'maxItems',
  'nullable',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'required',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'properties',
  'additionalProperties',
  'items',
  'x-kubernetes-validations',
];

/** Keywords whose value is one schema; `properties` maps names to schemas, the combinators list schemas. */
const schemaKeywords = new Set(['not', 'items', 'additionalProperties']);
const schemaListKeywords = new Set(['oneOf', 'anyOf', 'allOf']);

function rank(keyword: string): number {
  const index = keywordOrder.indexOf(keyword);
  return index === -1 ? keywordOrder.length : index;
}

function plainValue(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function plainNode(node: Record<string, unknown>): JsonSchemaNode {
  const out: JsonSchemaNode = {};
  const keywords = Object.keys(node).sort((a, b) => rank(a) - rank(b));
  for (const keyword of keywords) {
    const value = node[keyword];
    if (value === undefined) continue;
    if (keyword === 'properties' && isRecord(value)) {
      const properties: JsonSchemaNode = {};
      for (const [name, child] of Object.entries(value))
        if (isRecord(child)) properties[name] = plainNode(child);
      out[keyword] = properties;
    } else if (schemaKeywords.has(keyword) && isRecord(value)) {
      out[keyword] = plainNode(value);
    } else if (schemaListKeywords.has(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((child) => (isRecord(child) ? plainNode(child) : plainValue(child)));
    } else {
      out[keyword] = plainValue(value);
    }
  }
  return out;
}

/**
 * The plain-JSON form of a TypeBox schema: TypeBox's symbol markers dropped, every node a fresh object (so
 * YAML never aliases repeated sub-schemas) and keywords in a stable, readable order.
 */
export function toJsonSchema(schema: TSchema): JsonSchemaNode {
  return plainNode(schema);
}
