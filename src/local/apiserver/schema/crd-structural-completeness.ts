import type { FieldError } from '../model/field-error.js';
import { requiredError } from './crd-rule-errors.js';
import { asSchemaNode, itemsOf, propertiesOf, type SchemaNode, subschemas } from './schema-node.js';
import { child, index, propertyPath } from './schema-path.js';

function nestedCompleteness(
  v: SchemaNode | undefined,
  s: SchemaNode | undefined,
  sPath: string,
  vPath: string,
): FieldError[] {
  if (!v) return [];
  if (!s) return [requiredError(sPath, `because it is defined in ${vPath}`)];
  const errors = junctorCompleteness(v, s, sPath, vPath);
  errors.push(...nestedCompleteness(itemsOf(v), itemsOf(s), child(sPath, 'items'), child(vPath, 'items')));
  const structural = propertiesOf(s);
  for (const [name, property] of propertiesOf(v)) {
    const sProperty = structural.get(name);
    if (!sProperty)
      errors.push(
        requiredError(propertyPath(sPath, name), `because it is defined in ${propertyPath(vPath, name)}`),
      );
    else
      errors.push(
        ...nestedCompleteness(property, sProperty, propertyPath(sPath, name), propertyPath(vPath, name)),
      );
  }
  return errors;
}

function junctorCompleteness(v: SchemaNode, s: SchemaNode, sPath: string, vPath: string): FieldError[] {
  const errors = nestedCompleteness(asSchemaNode(v.not), s, sPath, child(vPath, 'not'));
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const [i, sub] of subschemas(v, junctor).entries()) {
      errors.push(...nestedCompleteness(sub, s, sPath, index(child(vPath, junctor), i)));
    }
  }
  return errors;
}

/** apiextensions `validateStructuralCompleteness`: fields named in the root's junctors must exist structurally. */
export function structuralCompleteness(root: SchemaNode): FieldError[] {
  return junctorCompleteness(root, root, '', '');
}
