import { type FieldError, FieldErrorType, formatFieldError } from '../model/field-error.js';
import { labelValueErrors, qualifiedNameErrors } from './label-validation.js';

/** `selection.Operator` values, as apimachinery spells them. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One condition of a label selector: `key in (a,b)`, `key!=a`, `!key`, … */
export interface LabelRequirement {
  /** The label key (a qualified name). */
  readonly key: string;
  /** How the label's value is compared. */
  readonly operator: LabelOperator;
  /** Sorted, distinct values; empty for `exists` and `!`. */
  readonly values: readonly string[];
}

const validOperators: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'exists', '!', 'gt', 'lt'];

/** `field.ErrorList.ToAggregate().Error()`: one message, or `[a, b]`, duplicates dropped. */
export function aggregateMessage(errors: readonly FieldError[]): string | undefined {
  const messages = [...new Set(errors.map(formatFieldError))];
  if (messages.length === 0) return undefined;
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

/** The error `labels.NewRequirement` reports for a key and its values (fields `key`, `values[i][key]`), if any. */
export function requirementErrors(
  key: string,
  operator: LabelOperator,
  values: readonly string[],
): FieldError[] {
  const errors: FieldError[] = [];
  const keyErrors = qualifiedNameErrors(key);
  if (keyErrors.length > 0)
    errors.push({ type: FieldErrorType.Invalid, field: 'key', badValue: key, detail: keyErrors.join('; ') });
  const invalid = (field: string, detail: string, badValue: unknown = [...values]) =>
    errors.push({ type: FieldErrorType.Invalid, field, badValue, detail });
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) invalid('values', "for 'in', 'notin' operators, values set can't be empty");
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) invalid('values', 'exact-match compatibility requires one single value');
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) invalid('values', 'values set must be empty for exists and does not exist');
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) invalid('values', "for 'Gt', 'Lt' operators, exactly one value is required");
      values.forEach((v, i) => {
        if (parseInteger(v) === undefined)
          invalid(`values[${i}]`, "for 'Gt', 'Lt' operators, the value must be an integer", v);
      });
      break;
    default:
      errors.push({
        type: FieldErrorType.NotSupported,
        field: 'operator',
        badValue: operator,
        detail: `supported values: ${validOperators.map((o) => JSON.stringify(o)).join(', ')}`,
      });
  }
  values.forEach((v, i) => {
    const valueErrors = labelValueErrors(v);
    if (valueErrors.length > 0) invalid(`values[${i}][${key}]`, valueErrors.join('; '), v);
  });
  return errors;
}

/** A requirement with its values sorted and de-duplicated (apimachinery keeps them as a string set). */
export function makeRequirement(
  key: string,
  operator: LabelOperator,
  values: Iterable<string>,
): LabelRequirement {
  return { key, operator, values: [...new Set(values)].sort() };
}

/** Go's `strconv.ParseInt(s, 10, 64)`, or undefined when `s` is not a 64-bit integer. */
function parseInteger(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** `Requirement.Matches`: whether a label set satisfies the requirement. */
export function requirementMatches(
  requirement: LabelRequirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'in':
    case '=':
    case '==':
      return has && requirement.values.includes(value ?? '');
    case 'notin':
    case '!=':
      return !has || !requirement.values.includes(value ?? '');
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      const actual = has ? parseInteger(value ?? '') : undefined;
      const wanted = requirement.values.length === 1 ? parseInteger(requirement.values[0] ?? '') : undefined;
      if (actual === undefined || wanted === undefined) return false;
      return requirement.operator === 'gt' ? actual > wanted : actual < wanted;
    }
  }
}

/** `Requirement.String`: `key=v`, `key in (a,b)`, `!key`, `key>3`, … */
export function requirementToString(requirement: LabelRequirement): string {
  const { key, operator, values } = requirement;
  if (operator === 'exists') return key;
  if (operator === '!') return `!${key}`;
  const joined = values.join(',');
  switch (operator) {
    case 'in':
      return `${key} in (${joined})`;
    case 'notin':
      return `${key} notin (${joined})`;
    case 'gt':
      return `${key}>${joined}`;
    case 'lt':
      return `${key}<${joined}`;
    default:
      return `${key}${operator}${joined}`;
  }
}
