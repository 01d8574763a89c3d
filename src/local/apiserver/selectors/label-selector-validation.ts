import { type FieldError, FieldErrorType } from '../model/field-error.js';
import { isJsonObject } from '../model/object.js';
import type { LabelSelectorSpec } from './label-selector.js';
import { labelValueErrors, qualifiedNameErrors } from './label-validation.js';

/** metav1 validation `ValidateLabelName`: one error per failed rule of the key. */
export function validateLabelName(name: string, field: string): FieldError[] {
  return qualifiedNameErrors(name).map((detail) => ({
    type: FieldErrorType.Invalid,
    field,
    badValue: name,
    detail,
  }));
}

/** metav1 validation `ValidateLabels`: keys and values of a label map, reported on the map's path. */
export function validateLabels(labels: unknown, field: string): FieldError[] {
  if (!isJsonObject(labels)) return [];
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    errors.push(...validateLabelName(key, field));
    const text = String(value ?? '');
    for (const detail of labelValueErrors(text))
      errors.push({ type: FieldErrorType.Invalid, field, badValue: text, detail });
  }
  return errors;
}

function validateRequirement(expression: Record<string, unknown>, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const values = Array.isArray(expression.values) ? expression.values.map((v) => String(v)) : [];
  switch (expression.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errors.push({
          type: FieldErrorType.Required,
          field: `${field}.values`,
          detail: "must be specified when `operator` is 'In' or 'NotIn'",
        });
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errors.push({
          type: FieldErrorType.Forbidden,
          field: `${field}.values`,
          detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        });
      }
      break;
    default:
      errors.push({
        type: FieldErrorType.Invalid,
        field: `${field}.operator`,
        badValue: expression.operator ?? '',
        detail: 'not a valid selector operator',
      });
  }
  errors.push(...validateLabelName(String(expression.key ?? ''), `${field}.key`));
  values.forEach((value, i) => {
    for (const detail of labelValueErrors(value)) {
      errors.push({ type: FieldErrorType.Invalid, field: `${field}.values[${i}]`, badValue: value, detail });
    }
  });
  return errors;
}

/**
 * metav1 validation `ValidateLabelSelector` for an object's selector at `field` (e.g. `spec.selector`):
 * matchLabels keys/values, and each matchExpressions entry's operator, values and key.
 */
export function validateLabelSelectorSpec(
  spec: LabelSelectorSpec | null | undefined,
  field: string,
): FieldError[] {
  if (!spec) return [];
  const errors = validateLabels(spec.matchLabels, `${field}.matchLabels`);
  if (Array.isArray(spec.matchExpressions)) {
    spec.matchExpressions.forEach((expression, i) => {
      errors.push(
        ...validateRequirement(isJsonObject(expression) ? expression : {}, `${field}.matchExpressions[${i}]`),
      );
    });
  }
  return errors;
}
