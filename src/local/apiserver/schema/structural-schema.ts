import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import type { FieldError } from '../model/field-error.js';
import type { JsonObject } from '../model/object.js';
import { translateAjvErrors } from './ajv-error-translation.js';
import { toAjvSchema } from './ajv-schema.js';
import { applySchemaDefaults, pruneNonNullableNulls } from './defaulting.js';
import { formatCheckers } from './formats.js';
import { validateListTypes } from './list-type-validation.js';
import { pruneUnknownFields } from './prune.js';
import { cloneJson, type SchemaNode } from './schema-node.js';

/** One CRD version's compiled `openAPIV3Schema`: pruning, defaulting and validation as kube-apiserver does them. */
export interface StructuralSchema {
  /** The schema this was compiled from (a private copy; do not mutate). */
  readonly schema: SchemaNode;
  /** Removes undeclared fields from `object` in place and returns their dotted paths, sorted. */
  prune(object: Record<string, unknown>): string[];
  /** Drops non-nullable nulls and fills in schema defaults, in place. */
  applyDefaults(object: Record<string, unknown>): void;
  /** Validates `object` (after pruning and defaulting) and returns the errors worded like the real server's. */
  validate(object: Record<string, unknown>): FieldError[];
}

/** Extension keywords ajv must accept as annotations. */
const annotationKeywords = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
];

/** Compiles a pattern written for Go's RE2 as a JS RegExp; patterns JS cannot express are not enforced. */
function lenientRegExp(pattern: string, flags: string): { test(value: string): boolean } {
  const attempts: [string, string][] = [
    [pattern, flags],
    [pattern, ''],
  ];
  const translated = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^');
  if (translated.startsWith('(?i)'))
    attempts.push([translated.slice(4), `${flags}i`], [translated.slice(4), 'i']);
  else attempts.push([translated, flags], [translated, '']);
  for (const [source, f] of attempts) {
    try {
      return new RegExp(source, f);
    } catch {
      // try the next form
    }
  }
  return { test: () => true };
}
lenientRegExp.code = 'new RegExp';

let sharedAjv: Ajv | undefined;

function ajv(): Ajv {
  if (!sharedAjv) {
    sharedAjv = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: true,
      code: { regExp: lenientRegExp },
    });
    for (const keyword of annotationKeywords) sharedAjv.addKeyword({ keyword });
    for (const [name, check] of Object.entries(formatCheckers)) sharedAjv.addFormat(name, check);
  }
  return sharedAjv;
}

class CompiledStructuralSchema implements StructuralSchema {
  constructor(
    readonly schema: SchemaNode,
    private readonly validator: ValidateFunction,
  ) {}

  prune(object: Record<string, unknown>): string[] {
    return pruneUnknownFields(object, this.schema);
  }

  applyDefaults(object: Record<string, unknown>): void {
    pruneNonNullableNulls(object, this.schema);
    applySchemaDefaults(object, this.schema);
  }

  validate(object: Record<string, unknown>): FieldError[] {
    const errors = this.validator(object)
      ? []
      : translateAjvErrors(this.validator.errors ?? [], object, this.schema);
    return [...errors, ...validateListTypes(object, this.schema)];
  }
}

const cacheLimit = 256;
const cache = new Map<string, { compiled: StructuralSchema; ajvSchema: AnySchemaObject }>();

/**
 * Compiles a CRD version's `openAPIV3Schema` once (identical schemas share one compiled ajv validator).
 * The schema should have passed `validateCrdSchema`; ajv throws on schemas it cannot compile.
 */
export function compileStructuralSchema(openAPIV3Schema: JsonObject): StructuralSchema {
  const key = JSON.stringify(openAPIV3Schema);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.compiled;
  }
  const schema = cloneJson(openAPIV3Schema) as SchemaNode;
  const ajvSchema = toAjvSchema(schema);
  const compiled = new CompiledStructuralSchema(schema, ajv().compile(ajvSchema));
  cache.set(key, { compiled, ajvSchema });
  if (cache.size > cacheLimit) {
    const [oldestKey, oldest] = cache.entries().next().value ?? [];
    if (oldestKey !== undefined && oldest) {
      cache.delete(oldestKey);
      ajv().removeSchema(oldest.ajvSchema);
    }
  }
  return compiled;
}
