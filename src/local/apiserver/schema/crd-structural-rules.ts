import type { FieldError } from '../model/field-error.js';
import { forbiddenError, invalidError, requiredError, typeOf } from './crd-rule-errors.js';
import { isIntOrStringAnyOf, valueValidation } from './crd-value-validation-rules.js';
import {
  additionalPropertiesOf,
  isEmbeddedResource,
  itemsOf,
  preservesUnknownFields,
  propertiesOf,
  type SchemaNode,
  subschemas,
} from './schema-node.js';
import { child, propertyPath } from './schema-path.js';

type Level = 'root' | 'item' | 'field';

function metadataRules(node: SchemaNode, level: Level, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const properties = propertiesOf(node);
  if (level === 'root' || isEmbeddedResource(node)) {
    for (const [name, want] of [
      ['kind', 'string'],
      ['apiVersion', 'string'],
      ['metadata', 'object'],
    ] as const) {
      const property = properties.get(name);
      if (property && typeOf(property) !== want)
        errors.push(
          invalidError(child(propertyPath(path, name), 'type'), typeOf(property), `must be ${want}`),
        );
    }
  }
  const metadata = properties.get('metadata');
  if (metadata && level === 'root') {
    const names = [...propertiesOf(metadata).keys()];
    const onlyNames = names.every((n) => n === 'name' || n === 'generateName');
    const extra = Object.keys(metadata).filter(
      (k) => k !== 'type' && k !== 'default' && !(k === 'properties' && onlyNames),
    );
    if (extra.length > 0) {
      errors.push(
        forbiddenError(
          propertyPath(path, 'metadata'),
          'must not specify anything other than name and generateName, but metadata is implicitly specified',
        ),
      );
    }
  }
  return errors;
}

/** apiextensions `validateStructuralInvariants` for one node and everything below it. */
export function structuralInvariants(node: SchemaNode, level: Level, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = typeOf(node);
  const items = itemsOf(node);
  if (type === 'array' && !items) errors.push(requiredError(child(path, 'items'), 'must be specified'));
  if (items) errors.push(...structuralInvariants(items, 'item', child(path, 'items')));
  for (const [name, property] of propertiesOf(node))
    errors.push(...structuralInvariants(property, 'field', propertyPath(path, name)));
  const additional = additionalPropertiesOf(node);
  if (node.additionalProperties !== undefined && node.additionalProperties !== false && level === 'root') {
    errors.push(forbiddenError(child(path, 'additionalProperties'), 'must not be used at the root'));
  }
  if (additional)
    errors.push(...structuralInvariants(additional, 'field', child(path, 'additionalProperties')));
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const embedded = isEmbeddedResource(node);
  if (intOrString && preservesUnknownFields(node)) {
    errors.push(
      invalidError(
        child(path, 'x-kubernetes-preserve-unknown-fields'),
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  }
  if (intOrString && embedded)
    errors.push(
      invalidError(
        child(path, 'x-kubernetes-embedded-resource'),
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  const allOf = subschemas(node, 'allOf');
  errors.push(
    ...valueValidation(
      node,
      isIntOrStringAnyOf(node),
      allOf.length > 0 && isIntOrStringAnyOf(allOf[0]),
      path,
    ),
  );
  if (embedded && type !== 'object') {
    if (type === '')
      errors.push(
        requiredError(child(path, 'type'), 'must be object if x-kubernetes-embedded-resource is true'),
      );
    else
      errors.push(
        invalidError(child(path, 'type'), type, 'must be object if x-kubernetes-embedded-resource is true'),
      );
  } else if (type === '' && !intOrString && !preservesUnknownFields(node)) {
    const where = {
      root: 'at the root',
      item: 'for specified array items',
      field: 'for specified object fields',
    }[level];
    errors.push(requiredError(child(path, 'type'), `must not be empty ${where}`));
  }
  if (embedded && node.additionalProperties !== undefined) {
    errors.push(
      forbiddenError(
        child(path, 'additionalProperties'),
        'must not be used if x-kubernetes-embedded-resource is set',
      ),
    );
  }
  if (level === 'root' && type !== '' && type !== 'object')
    errors.push(invalidError(child(path, 'type'), type, 'must be object at the root'));
  errors.push(...metadataRules(node, level, path));
  if (embedded && !preservesUnknownFields(node) && propertiesOf(node).size === 0) {
    errors.push(
      requiredError(
        child(path, 'properties'),
        'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields',
      ),
    );
  }
  return errors;
}
