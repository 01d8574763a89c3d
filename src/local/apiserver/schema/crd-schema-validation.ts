import { type FieldError, FieldErrorType, formatFieldError } from '../model/field-error.js';
import { isJsonObject, type JsonObject } from '../model/object.js';
import { jsonTypes } from './ajv-schema.js';
import { structuralCompleteness } from './crd-structural-completeness.js';
import { structuralInvariants } from './crd-structural-rules.js';
import {
  additionalPropertiesOf,
  asSchemaNode,
  itemsOf,
  propertiesOf,
  type SchemaNode,
  subschemas,
} from './schema-node.js';
import { child, index, propertyPath } from './schema-path.js';

const listTypes = ['atomic', 'map', 'set'];

function quotedList(values: readonly string[]): string {
  return `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

/** Per-keyword rules apiextensions applies to every schema node (`validateJSONSchemaProps`). */
function keywordRules(node: SchemaNode, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (node.type !== undefined && !(jsonTypes as readonly string[]).includes(String(node.type))) {
    errors.push({
      type: FieldErrorType.NotSupported,
      field: child(path, 'type'),
      badValue: node.type,
      detail: quotedList(jsonTypes),
    });
  }
  if (node.$ref !== undefined)
    errors.push({
      type: FieldErrorType.Forbidden,
      field: child(path, '$ref'),
      detail: '$ref is not supported',
    });
  if (node.uniqueItems === true) {
    errors.push({
      type: FieldErrorType.Forbidden,
      field: child(path, 'uniqueItems'),
      detail: 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
    });
  }
  const hasProperties = isJsonObject(node.properties) && Object.keys(node.properties).length > 0;
  if (hasProperties && node.additionalProperties !== undefined && node.additionalProperties !== true) {
    errors.push({
      type: FieldErrorType.Forbidden,
      field: child(path, 'additionalProperties'),
      detail: 'additionalProperties and properties are mutual exclusive',
    });
  }
  if (node['x-kubernetes-preserve-unknown-fields'] === false) {
    errors.push({
      type: FieldErrorType.Invalid,
      field: child(path, 'x-kubernetes-preserve-unknown-fields'),
      badValue: false,
      detail: 'must be true or undefined',
    });
  }
  const listType = node['x-kubernetes-list-type'];
  if (listType !== undefined && !listTypes.includes(String(listType))) {
    errors.push({
      type: FieldErrorType.NotSupported,
      field: child(path, 'x-kubernetes-list-type'),
      badValue: listType,
      detail: quotedList(listTypes),
    });
  }
  const mapKeys = node['x-kubernetes-list-map-keys'];
  if (listType === 'map' && !(Array.isArray(mapKeys) && mapKeys.length > 0)) {
    errors.push({
      type: FieldErrorType.Required,
      field: child(path, 'x-kubernetes-list-map-keys'),
      detail: 'must not be empty if x-kubernetes-list-type is map',
    });
  }
  return errors;
}

/** Applies `keywordRules` to `node` and every schema below it, value validations included. */
function allKeywordRules(node: SchemaNode, path: string): FieldError[] {
  const errors = keywordRules(node, path);
  for (const [name, property] of propertiesOf(node))
    errors.push(...allKeywordRules(property, propertyPath(path, name)));
  const items = itemsOf(node);
  if (items) errors.push(...allKeywordRules(items, child(path, 'items')));
  const additional = additionalPropertiesOf(node);
  if (additional) errors.push(...allKeywordRules(additional, child(path, 'additionalProperties')));
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const [i, sub] of subschemas(node, junctor).entries()) {
      errors.push(...allKeywordRules(sub, index(child(path, junctor), i)));
    }
  }
  const not = asSchemaNode(node.not);
  if (not) errors.push(...allKeywordRules(not, child(path, 'not')));
  return errors;
}

/**
 * Checks a CRD version's `openAPIV3Schema` the way kube-apiserver does before accepting the CRD: keyword rules
 * (`$ref`, `uniqueItems`, properties vs additionalProperties, list types) and the structural-schema rules (a
 * `type` on every specified node except int-or-string and preserve-unknown-fields nodes, object at the root,
 * value validations that only restrict values, root metadata limited to name/generateName, …).
 * Fields are relative to the schema (`properties[spec].type`); callers prefix
 * `spec.versions[i].schema.openAPIV3Schema`. Sorted like the real server sorts structural errors.
 */
export function validateCrdSchema(openAPIV3Schema: JsonObject): FieldError[] {
  const root = openAPIV3Schema as SchemaNode;
  const errors = [
    ...allKeywordRules(root, ''),
    ...structuralInvariants(root, 'root', ''),
    ...structuralCompleteness(root),
  ];
  const seen = new Set<string>();
  return errors
    .map((e) => ({ e, text: formatFieldError(e) }))
    .filter(({ text }) => !seen.has(text) && seen.add(text) !== undefined)
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map(({ e }) => e);
}
