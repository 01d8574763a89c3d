/**
 * Field-level validation errors, shaped like apimachinery's `field.Error` so that messages and
 * `details.causes` read exactly as a real API server's do.
 */
export const FieldErrorType = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Duplicate: 'FieldValueDuplicate',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  TypeInvalid: 'FieldValueTypeInvalid',
  NotFound: 'FieldValueNotFound',
} as const;
export type FieldErrorType = (typeof FieldErrorType)[keyof typeof FieldErrorType];

/** One invalid field. `field` is a dotted path with indices, e.g. `spec.containers[0].image`. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value; omitted for Required/Forbidden. */
  badValue?: unknown;
  /** Extra explanation appended after the value. */
  detail?: string;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'null';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** The message body without the field prefix, as `field.Error.ErrorBody()` renders it. */
export function fieldErrorBody(error: FieldError): string {
  const detail = error.detail ? `: ${error.detail}` : '';
  switch (error.type) {
    case FieldErrorType.Required:
      return `Required value${detail}`;
    case FieldErrorType.Forbidden:
      return `Forbidden${detail}`;
    case FieldErrorType.NotSupported:
      return `Unsupported value: ${formatValue(error.badValue)}${detail}`;
    case FieldErrorType.Duplicate:
      return `Duplicate value: ${formatValue(error.badValue)}${detail}`;
    case FieldErrorType.NotFound:
      return `Not found: ${formatValue(error.badValue)}${detail}`;
    case FieldErrorType.TooLong:
      return `Too long${detail}`;
    case FieldErrorType.TooMany:
      return error.badValue === undefined
        ? `Too many${detail}`
        : `Too many: ${formatValue(error.badValue)}${detail}`;
    case FieldErrorType.Invalid:
    case FieldErrorType.TypeInvalid:
      return `Invalid value: ${formatValue(error.badValue)}${detail}`;
  }
}

/** `<field>: <body>`, the line a user sees. */
export function formatFieldError(error: FieldError): string {
  return `${error.field}: ${fieldErrorBody(error)}`;
}
