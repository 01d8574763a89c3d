import type { FieldError } from '../model/field-error.js';
import { isJsonObject } from '../model/object.js';
import { forbiddenError, invalidError } from './crd-rule-errors.js';
import { asSchemaNode, itemsOf, propertiesOf, type SchemaNode, subschemas } from './schema-node.js';
import { child, index, propertyPath } from './schema-path.js';

function isOnlyType(node: unknown, type: string): boolean {
  return isJsonObject(node) && Object.keys(node).length === 1 && node.type === type;
}

/** The `anyOf: [{type: integer}, {type: string}]` pattern int-or-string fields may carry. */
export function isIntOrStringAnyOf(node: SchemaNode | undefined): boolean {
  const anyOf = node?.anyOf;
  return (
    Array.isArray(anyOf) &&
    anyOf.length === 2 &&
    isOnlyType(anyOf[0], 'integer') &&
    isOnlyType(anyOf[1], 'string')
  );
}

/** Rules for a schema below allOf/anyOf/oneOf/not: it may only restrict values, never shape them. */
function nestedValueValidation(node: SchemaNode | undefined, skipAnyOf: boolean, path: string): FieldError[] {
  if (!node) return [];
  const errors = valueValidation(node, skipAnyOf, false, path);
  errors.push(...nestedValueValidation(itemsOf(node), false, child(path, 'items')));
  for (const [name, property] of propertiesOf(node))
    errors.push(...nestedValueValidation(property, false, propertyPath(path, name)));
  const empty = (k: string) => node[k] !== undefined && node[k] !== '' && node[k] !== false;
  if (empty('type')) errors.push(forbiddenError(child(path, 'type'), 'must be empty to be structural'));
  if (node.additionalProperties !== undefined)
    errors.push(forbiddenError(child(path, 'additionalProperties'), 'must be undefined to be structural'));
  if (node.default !== undefined)
    errors.push(forbiddenError(child(path, 'default'), 'must be undefined to be structural'));
  if (empty('title')) errors.push(forbiddenError(child(path, 'title'), 'must be empty to be structural'));
  if (empty('description'))
    errors.push(forbiddenError(child(path, 'description'), 'must be empty to be structural'));
  if (node.nullable === true)
    errors.push(forbiddenError(child(path, 'nullable'), 'must be false to be structural'));
  for (const ext of [
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-embedded-resource',
    'x-kubernetes-int-or-string',
  ]) {
    if (node[ext] === true) errors.push(forbiddenError(child(path, ext), 'must be false to be structural'));
  }
  const mapKeys = node['x-kubernetes-list-map-keys'];
  if (Array.isArray(mapKeys) && mapKeys.length > 0)
    errors.push(forbiddenError(child(path, 'x-kubernetes-list-map-keys'), 'must be empty to be structural'));
  if (node['x-kubernetes-list-type'] !== undefined)
    errors.push(forbiddenError(child(path, 'x-kubernetes-list-type'), 'must be undefined to be structural'));
  if (propertiesOf(node).has('metadata'))
    errors.push(forbiddenError(propertyPath(path, 'metadata'), 'must not be specified in a nested context'));
  return errors;
}

/** Rules for the value validations (junctors, pattern) of one node. */
export function valueValidation(
  node: SchemaNode,
  skipAnyOf: boolean,
  skipFirstAllOfAnyOf: boolean,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const junctor of ['anyOf', 'allOf', 'oneOf'] as const) {
    if (junctor === 'anyOf' && skipAnyOf) continue;
    for (const [i, sub] of subschemas(node, junctor).entries()) {
      const skipNested = junctor === 'allOf' && i === 0 && skipFirstAllOfAnyOf;
      errors.push(...nestedValueValidation(sub, skipNested, index(child(path, junctor), i)));
    }
  }
  errors.push(...nestedValueValidation(asSchemaNode(node.not), false, child(path, 'not')));
  if (typeof node.pattern === 'string') {
    try {
      new RegExp(node.pattern);
    } catch (e) {
      errors.push(
        invalidError(
          child(path, 'pattern'),
          node.pattern,
          `must be a valid regular expression, but isn't: ${(e as Error).message}`,
        ),
      );
    }
  }
  return errors;
}
