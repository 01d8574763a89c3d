import type { ErrorObject } from 'ajv';
import type { FieldError } from '../model/field-error.js';
import { isJsonObject } from '../model/object.js';
import { instanceSegments, schemaSegments, valueAt } from './field-path.js';
import { compositeError, errorSite, toFieldError } from './openapi-error-message.js';
import { asSchemaNode, itemsOf, propertiesOf, type SchemaNode } from './schema-node.js';

interface Entry {
  error: ErrorObject;
  /** Sort key: ajv's order, except that a composite message moves in front of the branch errors it explains. */
  order: number;
  removed: boolean;
}

function isUnder(instancePath: string, parent: string): boolean {
  return instancePath === parent || instancePath.startsWith(`${parent}/`);
}

/** The branch index of a member error below the composite at `prefix` (`#/…/oneOf/`). */
function branchOf(entry: Entry, prefix: string): number {
  return Number(entry.error.schemaPath.slice(prefix.length).split('/')[0]);
}

/**
 * Approximates kube-openapi's `MatchCount` of a branch: one for the branch, plus one per schema node it
 * applies to present data (declared properties and array items, recursively).
 */
function matchCount(node: SchemaNode | undefined, data: unknown): number {
  if (!node) return 0;
  let count = 1;
  if (isJsonObject(data)) {
    for (const [name, property] of propertiesOf(node))
      if (name in data) count += matchCount(property, data[name]);
  } else if (Array.isArray(data)) {
    for (const item of data) count += matchCount(itemsOf(node), item);
  }
  return count;
}

/**
 * Keeps only the errors of the branch kube-openapi keeps for a failed oneOf/anyOf (its "best failures": the
 * highest match count, the earliest branch on ties); all branch errors go when some branch passed.
 */
function selectBestBranch(composite: Entry, entries: Entry[], data: unknown, schema: SchemaNode): void {
  const prefix = `${composite.error.schemaPath}/`;
  const members = entries.filter(
    (e) =>
      !e.removed &&
      e !== composite &&
      e.error.schemaPath.startsWith(prefix) &&
      isUnder(e.error.instancePath, composite.error.instancePath),
  );
  const passing = (composite.error.params as Record<string, unknown>).passingSchemas;
  const branches = new Map<number, Entry[]>();
  for (const member of members) {
    const branch = branchOf(member, prefix);
    branches.set(branch, [...(branches.get(branch) ?? []), member]);
  }
  let best: Entry[] = [];
  if (passing === null || passing === undefined) {
    const alternatives = valueAt(schema, schemaSegments(composite.error.schemaPath));
    const value = valueAt(data, instanceSegments(composite.error.instancePath));
    let bestCount = -1;
    for (const [branch, list] of [...branches].sort(([a], [b]) => a - b)) {
      const count = matchCount(
        asSchemaNode(Array.isArray(alternatives) ? alternatives[branch] : undefined),
        value,
      );
      if (count > bestCount) [best, bestCount] = [list, count];
    }
  }
  for (const member of members) if (!best.includes(member)) member.removed = true;
  composite.order = Math.min(composite.order, ...best.map((e) => e.order)) - 0.5;
}

function compositeMessage(error: ErrorObject, path: string): FieldError {
  if (error.keyword === 'anyOf') return compositeError(path, 'must validate at least one schema (anyOf)');
  const passing = (error.params as Record<string, unknown>).passingSchemas;
  const found = Array.isArray(passing) ? `Found ${passing.length} valid alternatives` : 'Found none valid';
  return compositeError(path, `must validate one and only one schema (oneOf). ${found}`);
}

/**
 * Translates ajv's errors for one object into the field errors the real server reports, in a stable order and
 * without duplicates.
 */
export function translateAjvErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  schema: SchemaNode,
): FieldError[] {
  const entries: Entry[] = errors.map((error, index) => ({ error, order: index, removed: false }));
  const composites = entries
    .filter((e) => e.error.keyword === 'oneOf' || e.error.keyword === 'anyOf')
    .sort((a, b) => b.error.schemaPath.length - a.error.schemaPath.length);
  for (const composite of composites)
    if (!composite.removed) selectBestBranch(composite, entries, data, schema);

  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const entry of entries.filter((e) => !e.removed).sort((a, b) => a.order - b.order)) {
    const site = errorSite(entry.error, data, schema);
    const keyword = entry.error.keyword;
    const fieldError =
      keyword === 'oneOf' || keyword === 'anyOf'
        ? compositeMessage(entry.error, site.path)
        : toFieldError(entry.error, site);
    const key = JSON.stringify([fieldError.type, fieldError.field, fieldError.badValue, fieldError.detail]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fieldError);
  }
  return out;
}
