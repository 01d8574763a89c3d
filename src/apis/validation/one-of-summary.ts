import type { ErrorObject } from 'ajv';
import { type FieldViolation, isRecord } from './field-violation.js';

function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function requiredOf(branch: unknown): string[] | undefined {
  if (!isRecord(branch) || !Array.isArray(branch.required)) return undefined;
  return branch.required.filter((f): f is string => typeof f === 'string');
}

/** The branches of a failed `oneOf` whose `required` fields are all present in `data`. */
export function satisfiedBranches(branches: readonly unknown[], data: unknown): number[] {
  const present = isRecord(data) ? data : {};
  const out: number[] = [];
  branches.forEach((branch, index) => {
    const required = requiredOf(branch);
    if (required?.every((f) => f in present)) out.push(index);
  });
  return out;
}

/**
 * One sentence for a failed `oneOf` made of `required` alternatives, the way Flagger's CRDs use it:
 * `spec.analysis must set interval, threshold and exactly one of iterations, stepWeight, stepWeights;
 * none of them is set`. A `not` branch (Istio's StringMatch) turns "exactly one" into "at most one".
 */
export function summarizeOneOf(error: ErrorObject, field: string): FieldViolation {
  const branches = Array.isArray(error.schema) ? (error.schema as unknown[]) : [];
  const present = isRecord(error.data) ? error.data : {};
  const sets = branches.map(requiredOf).filter((s): s is string[] => s !== undefined);
  const allowsNone = branches.some((b) => isRecord(b) && b.not !== undefined);
  const common = (sets[0] ?? []).filter((f) => sets.every((s) => s.includes(f)));
  const alternatives = sets.map((s) => s.filter((f) => !common.includes(f))).filter((a) => a.length > 0);
  const labels = alternatives.map((a) => a.join(' and '));
  const subject = field === '' ? 'the value' : field;
  const head =
    `${subject} must set ${common.length > 0 ? `${common.join(', ')} and ` : ''}` +
    `${allowsNone ? 'at most' : 'exactly'} one of ${labels.join(', ')}`;

  const details: string[] = [];
  const missing = common.filter((f) => !(f in present));
  if (missing.length > 0) details.push(`${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} missing`);
  const chosen = alternatives.filter((a) => a.every((f) => f in present)).map((a) => a.join(' and '));
  if (chosen.length === 2) details.push(`${listed(chosen)} are both set`);
  else if (chosen.length > 2) details.push(`${listed(chosen)} are all set`);
  else if (chosen.length === 0 && !allowsNone) details.push('none of them is set');
  return { field, message: details.length > 0 ? `${head}; ${details.join('; ')}` : head };
}
