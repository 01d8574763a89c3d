/** A value a query template computes: text, a number, or a map (`variables`). */
export type TemplateValue = string | number | Readonly<Record<string, string>>;

/** A float as Go's `%v` prints it: shortest form, exponent below 1e-4 and from 1e21 on (`1e-05`, `1e+21`). */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(value);
}

/** A value as Go's `%v` prints it. */
export function goValue(value: TemplateValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  const entries = Object.keys(value)
    .sort()
    .map((k) => `${k}:${value[k]}`);
  return `map[${entries.join(' ')}]`;
}

function typeName(value: TemplateValue): string {
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'float64' : 'map[string]string';
}

/**
 * Go's `fmt.Sprintf` for the verbs query templates use (`%s`, `%v`, `%d`, `%q`, `%%`), with Go's markers
 * for a missing argument (`%!s(MISSING)`), a wrong verb and extra arguments.
 */
export function goSprintf(format: string, args: readonly TemplateValue[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const verb = format[++i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[next++]!;
    if (verb === 's' || verb === 'v') out += goValue(arg);
    else if (verb === 'q' && typeof arg === 'string') out += JSON.stringify(arg);
    else if (verb === 'd' && typeof arg === 'number' && Number.isInteger(arg)) out += String(arg);
    else out += `%!${verb}(${typeName(arg)}=${goValue(arg)})`;
  }
  if (next < args.length) {
    out += `%!(EXTRA ${args
      .slice(next)
      .map((a) => `${typeName(a)}=${goValue(a)}`)
      .join(', ')})`;
  }
  return out;
}

/** A float as Go's `%.<digits>f` prints it (`+Inf`, `NaN` included). */
export function goFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return goFloat(value);
  return value.toFixed(digits);
}
