import type { ErrorObject } from 'ajv';
import { type FieldError, FieldErrorType } from '../model/field-error.js';
import { childPath, fieldPathOf, instanceSegments, schemaSegments, valueAt } from './field-path.js';
import { checkedFormatName } from './formats.js';
import { asSchemaNode, declaredTypes, type SchemaNode } from './schema-node.js';

/** What a translated error needs to know about where it happened. */
export interface ErrorSite {
  /** Dotted field path of the offending value (empty at the root). */
  path: string;
  /** The offending value. */
  value: unknown;
  /** The original CRD schema node that holds the failing keyword. */
  node: SchemaNode;
}

/** Locates an ajv error in the validated data and in the original (unconverted) schema. */
export function errorSite(error: ErrorObject, data: unknown, schema: SchemaNode): ErrorSite {
  const segments = instanceSegments(error.instancePath);
  const schemaPath = schemaSegments(error.schemaPath);
  return {
    path: fieldPathOf(data, segments),
    value: valueAt(data, segments),
    node: asSchemaNode(valueAt(schema, schemaPath.slice(0, -1))) ?? {},
  };
}

/** apiextensions passes a nil field path, which prints as `<nil>` when the error names no field. */
export function fieldOrNil(path: string): string {
  return path === '' ? '<nil>' : path;
}

/** The JSON type and Go-decoded format kube-openapi infers for a decoded JSON value. */
function inferredType(value: unknown): [string, string] {
  if (typeof value === 'boolean') return ['boolean', ''];
  if (typeof value === 'string') return ['string', ''];
  if (typeof value === 'number')
    return Number.isInteger(value) ? ['integer', 'int64'] : ['number', 'float64'];
  if (Array.isArray(value)) return ['array', ''];
  return ['object', ''];
}

/** kube-openapi's type validator message, including its format-based variant. */
function typeError({ path, value, node }: ErrorSite): FieldError {
  const types = declaredTypes(node);
  let expected = types.join(',');
  let actual: string;
  if (value === null) {
    actual = 'null';
  } else {
    const [schType, goFormat] = inferredType(value);
    actual = schType;
    const format = checkedFormatName(node.format) ? node.format : undefined;
    const compatible =
      types.includes(schType) || goFormat === format || (schType === 'integer' && types.includes('number'));
    if (schType !== 'string' && schType !== 'array' && format && !compatible) {
      expected = format;
      actual = goFormat;
    }
  }
  return {
    type: FieldErrorType.TypeInvalid,
    field: fieldOrNil(path),
    badValue: actual,
    detail: `${path} in body must be of type ${expected}: ${JSON.stringify(actual)}`,
  };
}

function invalid(site: ErrorSite, detail: string, badValue: unknown = site.value): FieldError {
  return { type: FieldErrorType.Invalid, field: fieldOrNil(site.path), badValue: badValue ?? '', detail };
}

function quoted(values: unknown[]): string {
  return values.map((v) => JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function numberParam(error: ErrorObject, name: string): number {
  const value = (error.params as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : Number.NaN;
}

function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value !== null && typeof value === 'object' ? Object.keys(value).length : 0;
}

/** A composite (oneOf/anyOf/not) failure, which apiextensions reports without a field, as `<nil>`. */
export function compositeError(path: string, message: string): FieldError {
  return {
    type: FieldErrorType.Invalid,
    field: '<nil>',
    badValue: '',
    detail: `${JSON.stringify(path)} ${message}`,
  };
}

/** Translates one non-composite ajv error into the field error the real server reports. */
export function toFieldError(error: ErrorObject, site: ErrorSite): FieldError {
  const { path, value, node } = site;
  const at = `${path} in body`;
  const limit = numberParam(error, 'limit');
  switch (error.keyword) {
    case 'type':
      return typeError(site);
    case 'required': {
      const missing = String((error.params as Record<string, unknown>).missingProperty ?? '');
      return { type: FieldErrorType.Required, field: childPath(path, missing) };
    }
    case 'enum': {
      const values = Array.isArray(node.enum) ? node.enum : [];
      return {
        type: FieldErrorType.NotSupported,
        field: fieldOrNil(path),
        badValue: value,
        detail: `supported values: ${quoted(values)}`,
      };
    }
    case 'maxLength':
      return {
        type: FieldErrorType.TooLong,
        field: fieldOrNil(path),
        badValue: value,
        detail: `may not be longer than ${limit}`,
      };
    case 'minLength':
      return invalid(site, `${at} should be at least ${limit} chars long`);
    case 'pattern':
      return invalid(site, `${at} should match '${String(node.pattern)}'`);
    case 'format':
      return {
        type: FieldErrorType.TypeInvalid,
        field: fieldOrNil(path),
        badValue: value,
        detail: `${at} must be of type ${String(node.format)}: ${JSON.stringify(value)}`,
      };
    case 'minimum':
      return invalid(site, `${at} should be greater than or equal to ${limit}`);
    case 'exclusiveMinimum':
      return invalid(site, `${at} should be greater than ${limit}`);
    case 'maximum':
      return invalid(site, `${at} should be less than or equal to ${limit}`);
    case 'exclusiveMaximum':
      return invalid(site, `${at} should be less than ${limit}`);
    case 'multipleOf':
      return invalid(site, `${at} should be a multiple of ${numberParam(error, 'multipleOf')}`);
    case 'maxItems':
    case 'maxProperties':
      return {
        type: FieldErrorType.TooMany,
        field: fieldOrNil(path),
        badValue: sizeOf(value),
        detail: `must have at most ${limit} items`,
      };
    case 'minItems':
      return invalid(site, `${at} should have at least ${limit} items`, sizeOf(value));
    case 'minProperties':
      return invalid(site, `${at} should have at least ${limit} properties`, sizeOf(value));
    case 'uniqueItems':
      return invalid(site, `${at} shouldn't contain duplicates`, '');
    case 'additionalProperties': {
      const key = String((error.params as Record<string, unknown>).additionalProperty ?? '');
      return invalid(site, `${path}.${key} in body is a forbidden property`, key);
    }
    case 'not':
      return compositeError(path, 'must not validate the schema (not)');
    default:
      return invalid(site, `${at} ${error.message ?? `failed ${error.keyword}`}`);
  }
}
