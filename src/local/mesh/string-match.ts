/** A compiled Istio `StringMatch`: true when the value (undefined = absent) matches. */
export type StringMatcher = (value: string | undefined) => boolean;

/** A VirtualService field the mesh cannot use (an invalid regex…); the route it is in never matches. */
export class RouteSpecError extends Error {
  readonly code = 'invalid-route-spec' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RouteSpecError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An RE2 expression as a JavaScript one that must match the whole value, as Envoy's `safe_regex` does;
 * a leading `(?i)` (RE2's case-insensitive flag) becomes the `i` flag.
 */
export function fullMatchRegex(source: string, ignoreCase = false): RegExp {
  let body = source;
  let flags = ignoreCase ? 'i' : '';
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    flags = 'i';
  }
  try {
    return new RegExp(`^(?:${body})$`, flags);
  } catch (error) {
    throw new RouteSpecError(`regex ${JSON.stringify(source)} is not valid: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Compiles `{exact|prefix|suffix|regex}`; an empty match only asks for presence. Flagger writes
 * `suffix` too (its StringMatch has it), so it is accepted here.
 */
export function compileStringMatch(spec: unknown, options: { ignoreCase?: boolean } = {}): StringMatcher {
  if (!isRecord(spec)) return (value) => value !== undefined;
  const fold = options.ignoreCase ? (text: string) => text.toLowerCase() : (text: string) => text;
  if (typeof spec.exact === 'string') {
    const exact = fold(spec.exact);
    return (value) => value !== undefined && fold(value) === exact;
  }
  if (typeof spec.prefix === 'string') {
    const prefix = fold(spec.prefix);
    return (value) => value !== undefined && fold(value).startsWith(prefix);
  }
  if (typeof spec.suffix === 'string') {
    const suffix = fold(spec.suffix);
    return (value) => value !== undefined && fold(value).endsWith(suffix);
  }
  if (typeof spec.regex === 'string') {
    const regex = fullMatchRegex(spec.regex, options.ignoreCase);
    return (value) => value !== undefined && regex.test(value);
  }
  return (value) => value !== undefined;
}
