import { type FieldError, FieldErrorType } from '../model/field-error.js';
import type { SchemaNode } from './schema-node.js';

/** `field.Required(field, detail)`. */
export const requiredError = (field: string, detail: string): FieldError => ({
  type: FieldErrorType.Required,
  field,
  detail,
});

/** `field.Forbidden(field, detail)`. */
export const forbiddenError = (field: string, detail: string): FieldError => ({
  type: FieldErrorType.Forbidden,
  field,
  detail,
});

/** `field.Invalid(field, value, detail)`. */
export const invalidError = (field: string, badValue: unknown, detail: string): FieldError => ({
  type: FieldErrorType.Invalid,
  field,
  badValue,
  detail,
});

/** The node's `type`, or the empty string. */
export function typeOf(node: SchemaNode | undefined): string {
  return typeof node?.type === 'string' ? node.type : '';
}
