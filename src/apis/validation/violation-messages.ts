import type { ErrorObject } from 'ajv';
import { durationPattern } from '../flagger/v1beta1/k8s-schemas.js';
import { childField, type FieldViolation, fieldPath, isRecord } from './field-violation.js';
import { satisfiedBranches, summarizeOneOf } from './one-of-summary.js';

/** Plain-words explanations of the patterns Flagger's CRDs use, appended to pattern violations. */
const patternHints: Readonly<Record<string, string>> = {
  [durationPattern]: 'a whole number of seconds or minutes such as 30s or 5m',
};

const typeNames: Readonly<Record<string, string>> = {
  number: 'a number',
  integer: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** Keywords that say nothing more once the same value has the wrong type. */
const impliedByType = new Set(['enum', 'pattern', 'format', 'minimum', 'maximum', 'minLength', 'maxLength']);

function shown(value: unknown): string {
  if (typeof value === 'string') {
    const text = JSON.stringify(value);
    return `the string ${text.length > 80 ? `${text.slice(0, 77)}…"` : text}`;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : String(value);
}

function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`;
}

/** What is wrong, after the field's name: `must be a number; got the string "five"`. */
function complaint(error: ErrorObject): string {
  const got = `got ${shown(error.data)}`;
  const params = error.params as Record<string, unknown>;
  const limit = String(params.limit);
  switch (error.keyword) {
    case 'type': {
      const types = String(params.type)
        .split(',')
        .map((t) => typeNames[t] ?? t);
      return `must be ${types.join(' or ')}; ${got}`;
    }
    case 'x-kubernetes-int-or-string':
      return `must be an integer or a string (a port number or name); ${got}`;
    case 'enum': {
      const values = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}; ${got}`;
    }
    case 'pattern': {
      const hint = patternHints[String(params.pattern)];
      return `must match ${String(params.pattern)}${hint ? ` (${hint})` : ''}; ${got}`;
    }
    case 'format':
      return params.format === 'date-time'
        ? `must be an RFC 3339 date-time such as 2024-05-01T10:00:00Z; ${got}`
        : `must be a valid ${String(params.format)}; ${got}`;
    case 'minimum':
      return `must be at least ${limit}; ${got}`;
    case 'maximum':
      return `must be at most ${limit}; ${got}`;
    case 'minLength':
    case 'maxLength': {
      const length = typeof error.data === 'string' ? error.data.length : 0;
      const bound = error.keyword === 'minLength' ? 'at least' : 'at most';
      return `must be ${bound} ${characters(Number(params.limit))} long; got ${characters(length)}`;
    }
    case 'maxItems':
      return `must have at most ${limit} items; got ${Array.isArray(error.data) ? error.data.length : 0}`;
    default:
      return error.message ?? 'is invalid';
  }
}

function describe(error: ErrorObject, root: unknown): FieldViolation {
  const field = fieldPath(root, error.instancePath);
  if (error.keyword === 'required') {
    const missing = childField(
      field,
      String((error.params as { missingProperty?: unknown }).missingProperty),
    );
    return { field: missing, message: `${missing} is required` };
  }
  // A violation of the whole value (not even an object) has no field name to start the sentence with.
  return { field, message: `${field === '' ? 'the value' : field} ${complaint(error)}` };
}

/** Drops `oneOf` branch noise: returns the errors to leave out and one summary per failed `oneOf`. */
function condenseOneOfs(errors: readonly ErrorObject[], root: unknown) {
  const dropped = new Set<ErrorObject>();
  const summaries = new Map<ErrorObject, FieldViolation>();
  const outermostFirst = errors
    .filter((e) => e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const error of outermostFirst) {
    if (dropped.has(error)) continue;
    const prefix = `${error.schemaPath}/`;
    const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
    const branches = Array.isArray(error.schema) ? (error.schema as unknown[]) : [];
    const satisfied = satisfiedBranches(branches, error.data);
    // With exactly one alternative's fields present, that alternative's own errors are the story.
    const kept = passing == null && satisfied.length === 1 ? `${prefix}${satisfied[0]}/` : undefined;
    for (const other of errors)
      if (other.schemaPath.startsWith(prefix) && !(kept && other.schemaPath.startsWith(kept)))
        dropped.add(other);
    // A non-object already fails its `type`; the alternatives say nothing more about it.
    if (kept || !isRecord(error.data)) dropped.add(error);
    else summaries.set(error, summarizeOneOf(error, fieldPath(root, error.instancePath)));
  }
  return { dropped, summaries };
}

/**
 * Field violations for ajv's errors (compiled with `allErrors` and `verbose`), in ajv's order. A failed
 * `oneOf` becomes one sentence naming the alternatives instead of every branch's complaints, and a value
 * of the wrong type gets only the type complaint.
 */
export function violationsOf(errors: readonly ErrorObject[], root: unknown): FieldViolation[] {
  const { dropped, summaries } = condenseOneOfs(errors, root);
  const mistyped = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const out: FieldViolation[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (dropped.has(error)) continue;
    if (impliedByType.has(error.keyword) && mistyped.has(error.instancePath)) continue;
    const violation = summaries.get(error) ?? describe(error, root);
    const key = `${violation.field}\n${violation.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(violation);
  }
  return out;
}
