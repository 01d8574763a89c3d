import { isJsonObject, type JsonValue } from '../model/object.js';

/** One node of a CRD `openAPIV3Schema` (apiextensions `JSONSchemaProps`), as far as this package reads it. */
export interface SchemaNode {
  /** `object`, `array`, `string`, `integer`, `number` or `boolean`; absent for int-or-string and preserve nodes. */
  type?: string;
  /** String format; only the formats the real server checks are enforced. */
  format?: string;
  /** Whether `null` is an accepted value. */
  nullable?: boolean;
  /** Value filled in when the field is missing. */
  default?: JsonValue;
  /** Accepted values. */
  enum?: JsonValue[];
  /** Declared fields of an object node. */
  properties?: Record<string, SchemaNode>;
  /** Schema of map values (or `true`). */
  additionalProperties?: SchemaNode | boolean;
  /** Schema of array items. */
  items?: SchemaNode;
  /** Field names that must be present. */
  required?: string[];
  /** Value validations that must all hold. */
  allOf?: SchemaNode[];
  /** Value validations of which at least one must hold. */
  anyOf?: SchemaNode[];
  /** Value validations of which exactly one must hold. */
  oneOf?: SchemaNode[];
  /** Value validation that must not hold. */
  not?: SchemaNode;
  /** Keeps fields not declared in `properties`. */
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** Marks a nested object as a full resource (apiVersion, kind, metadata). */
  'x-kubernetes-embedded-resource'?: boolean;
  /** Accepts an integer or a string. */
  'x-kubernetes-int-or-string'?: boolean;
  /** `atomic`, `set` or `map`. */
  'x-kubernetes-list-type'?: string;
  /** Keys identifying the items of a `map` list. */
  'x-kubernetes-list-map-keys'?: string[];
  /** Any other keyword. */
  [keyword: string]: unknown;
}

/** The node at `value` when it is a schema object, else undefined. */
export function asSchemaNode(value: unknown): SchemaNode | undefined {
  return isJsonObject(value) ? (value as SchemaNode) : undefined;
}

/** Declared properties of `node` that are schema objects. */
export function propertiesOf(node: SchemaNode | undefined): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  if (!node || !isJsonObject(node.properties)) return out;
  for (const [name, child] of Object.entries(node.properties)) {
    const childNode = asSchemaNode(child);
    if (childNode) out.set(name, childNode);
  }
  return out;
}

/** The map-value schema of `node`: a node, `null` for `additionalProperties: true`, undefined when absent. */
export function additionalPropertiesOf(node: SchemaNode | undefined): SchemaNode | null | undefined {
  if (!node) return undefined;
  const additional = node.additionalProperties;
  if (additional === true) return null;
  return asSchemaNode(additional);
}

/** The item schema of an array node. */
export function itemsOf(node: SchemaNode | undefined): SchemaNode | undefined {
  return node ? asSchemaNode(node.items) : undefined;
}

/** The subschemas listed under `oneOf`, `anyOf` or `allOf`. */
export function subschemas(node: SchemaNode, keyword: 'oneOf' | 'anyOf' | 'allOf'): SchemaNode[] {
  const list = node[keyword];
  return Array.isArray(list) ? list.map(asSchemaNode).filter((n): n is SchemaNode => n !== undefined) : [];
}

/** True when the node keeps fields it does not declare. */
export function preservesUnknownFields(node: SchemaNode | undefined): boolean {
  return node?.['x-kubernetes-preserve-unknown-fields'] === true;
}

/** True when the node is an embedded resource (apiVersion/kind/metadata kept). */
export function isEmbeddedResource(node: SchemaNode | undefined): boolean {
  return node?.['x-kubernetes-embedded-resource'] === true;
}

/** The JSON types a node accepts as the real server reports them (`integer,string` for int-or-string). */
export function declaredTypes(node: SchemaNode): string[] {
  if (node['x-kubernetes-int-or-string'] === true) return ['integer', 'string'];
  return typeof node.type === 'string' && node.type !== '' ? [node.type] : [];
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
