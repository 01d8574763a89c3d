import { isJsonObject } from '../model/object.js';
import { list, str, strMap } from './fields.js';

/** `labels.FormatLabels`: sorted `k=v` pairs joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
  return text === '' ? '<none>' : text;
}

interface Requirement {
  key: string;
  text: string;
}

function expressionRequirement(expression: unknown): Requirement | undefined {
  const key = str(expression, 'key');
  const values = list(expression, 'values')
    .filter((v): v is string => typeof v === 'string')
    .sort();
  switch (str(expression, 'operator')) {
    case 'In':
      return values.length === 0 ? undefined : { key, text: `${key} in (${values.join(',')})` };
    case 'NotIn':
      return values.length === 0 ? undefined : { key, text: `${key} notin (${values.join(',')})` };
    case 'Exists':
      return values.length > 0 ? undefined : { key, text: key };
    case 'DoesNotExist':
      return values.length > 0 ? undefined : { key, text: `!${key}` };
    default:
      return undefined;
  }
}

/**
 * `metav1.LabelSelectorAsSelector(selector).String()`: requirements sorted by key; `''` for a nil or empty
 * selector; `undefined` when the selector is invalid (bad operator or values).
 */
export function labelSelectorString(selector: unknown): string | undefined {
  if (!isJsonObject(selector)) return '';
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(strMap(selector, 'matchLabels'))) {
    requirements.push({ key, text: `${key}=${value}` });
  }
  for (const expression of list(selector, 'matchExpressions')) {
    const requirement = expressionRequirement(expression);
    if (requirement === undefined) return undefined;
    requirements.push(requirement);
  }
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return requirements.map((r) => r.text).join(',');
}

/** `metav1.FormatLabelSelector`: like {@link labelSelectorString} but `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return '<error>';
  return text === '' ? '<none>' : text;
}

/** `net.JoinHostPort`: brackets IPv6 hosts. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A JSON number as Go prints the decoded value with `%v`: int64 in full, float64 as shortest `%g`. */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  // Integral JSON numbers decode to int64 on the server and print in full.
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(value).toString();
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  return value.toString();
}

const JSON_HTML_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Go's `json.Marshal` of a decoded JSON value: object keys sorted, HTML characters escaped. */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => goJson(item)).join(',')}]`;
  if (isJsonObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${goJson(key)}:${goJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => JSON_HTML_ESCAPES[c] ?? c);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return 'null';
}

/**
 * A JSON value as client-go's jsonpath `PrintResults` writes it: maps and lists as JSON, scalars as `fmt.Fprint`
 * does, and an explicit `null` as text/template's `<no value>`.
 */
export function jsonPathText(value: unknown): string {
  if (Array.isArray(value) || isJsonObject(value)) return goJson(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return '<no value>';
}
