import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import { type JsonSchemaNode, type JsonValue, toJsonSchema } from '../json-schema.js';
import { isDateTime } from './date-time.js';
import type { Validation } from './field-violation.js';
import { violationsOf } from './violation-messages.js';

/** Kubernetes extension keywords that only annotate (CEL rules are the API server's business). */
const annotationKeywords = ['x-kubernetes-validations', 'x-kubernetes-preserve-unknown-fields'];

function formatsIn(node: JsonValue, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) formatsIn(item, out);
  else if (typeof node === 'object' && node !== null)
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') out.add(value);
      else formatsIn(value, out);
    }
  return out;
}

function createAjv(schema: JsonSchemaNode): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
  for (const keyword of annotationKeywords) ajv.addKeyword({ keyword });
  ajv.addKeyword({
    keyword: 'x-kubernetes-int-or-string',
    schemaType: 'boolean',
    errors: false,
    validate: (enabled: boolean, data: unknown) =>
      !enabled || typeof data === 'string' || (typeof data === 'number' && Number.isInteger(data)),
  });
  // The API server checks date-time and ignores formats it does not know (`url`, `string`, `int32`), so
  // that a stored object never fails here; unknown formats must not make ajv warn or refuse either.
  for (const format of formatsIn(schema)) ajv.addFormat(format, format === 'date-time' ? isDateTime : true);
  return ajv;
}

/**
 * Compiles `schema` with ajv on first use and returns a validator reporting every violation with its
 * dotted field path. The value is returned as is: not copied, pruned or defaulted (the API server did that).
 */
export function lazyValidator<T>(schema: TSchema): (value: unknown) => Validation<T> {
  let validate: ValidateFunction | undefined;
  return (value) => {
    if (!validate) {
      const json = toJsonSchema(schema);
      validate = createAjv(json).compile(json);
    }
    if (validate(value)) return { ok: true, value: value as T };
    return { ok: false, errors: violationsOf(validate.errors ?? [], value) };
  };
}
