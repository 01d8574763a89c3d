import { badRequest } from '../model/api-error.js';

/** Field selector operators (`=` and `==` are the same). */
export type FieldOperator = '=' | '==' | '!=';

/** One `field<op>value` term. */
export interface FieldRequirement {
  /** The field label, e.g. `metadata.name` or `involvedObject.uid`. */
  readonly field: string;
  /** Equality or inequality. */
  readonly operator: FieldOperator;
  /** The unescaped value to compare with. */
  readonly value: string;
}

/** A parsed field selector: all terms must hold; none means "everything". */
export interface FieldSelector {
  /** Terms in the order apimachinery evaluates them (sorted by their source text). */
  readonly requirements: readonly FieldRequirement[];
}

/** Operators tried at each position; `!=` and `==` first so that no `=` is left in the value. */
const termOperators: readonly FieldOperator[] = ['!=', '==', '='];

/** Splits on commas that are not backslash-escaped; escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** `fields.UnescapeValue`: `\\`, `\,` and `\=` are the only escapes; bare `,` and `=` are errors. */
export function unescapeFieldValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let inSlash = false;
  for (const c of value) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=')
        throw badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      throw badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** `fields.EscapeValue`: the inverse of `unescapeFieldValue`. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * Parses a `fieldSelector` query parameter like apimachinery's `fields.ParseSelector`: comma-separated
 * `field=value`, `field==value`, `field!=value` terms with `\,`, `\=`, `\\` escapes in values.
 * Errors throw a 400 with the real server's message.
 */
export function parseFieldSelector(query: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const part of splitTerms(query).sort()) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw badRequest(`invalid selector: '${query}'; can't understand '${part}'`);
    const [field, operator, raw] = split;
    requirements.push({ field, operator, value: unescapeFieldValue(raw) });
  }
  return { requirements };
}

/** Whether an object's field set satisfies the selector; absent fields count as the empty string. */
export function matchesFields(selector: FieldSelector, fields: Readonly<Record<string, string>>): boolean {
  return selector.requirements.every(({ field, operator, value }) => {
    const actual = Object.hasOwn(fields, field) ? fields[field] : '';
    return operator === '!=' ? actual !== value : actual === value;
  });
}

/** Throws `400 field label not supported: <label>` for the first term whose field the resource does not support. */
export function assertFieldsSupported(selector: FieldSelector, supportedLabels: Iterable<string>): void {
  const supported = new Set(supportedLabels);
  for (const { field } of selector.requirements) {
    if (!supported.has(field)) throw badRequest(`field label not supported: ${field}`);
  }
}

/** The canonical string form (`metadata.name=a,spec.nodeName!=b`; `==` prints as `=`). */
export function fieldSelectorToString(selector: FieldSelector): string {
  return selector.requirements
    .map(
      ({ field, operator, value }) => `${field}${operator === '!=' ? '!=' : '='}${escapeFieldValue(value)}`,
    )
    .join(',');
}
