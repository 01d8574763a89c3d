import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from './service-directory.js';
import { compileStringMatch, type StringMatcher } from './string-match.js';

/** What route matching looks at in a request. */
export interface RequestFacts {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The query string without `?` (empty when none). */
  query: string;
  headers: IncomingHttpHeaders;
  /** The Host the client addressed, as sent. */
  authority: string;
  port: number;
  caller: Caller | undefined;
}

/** How `rewrite.uri` applies after a match: replace the matched prefix, or the whole path. */
export type UriRewriteMode = { kind: 'prefix'; prefix: string } | { kind: 'whole' };

/** A compiled Istio `HTTPMatchRequest`. */
export interface CompiledMatch {
  /** Whether every condition of the match holds for the request. */
  test(facts: RequestFacts): boolean;
  /** How a `rewrite.uri` of the route applies when this match selected it. */
  rewrite: UriRewriteMode;
}

type Check = (facts: RequestFacts) => boolean;

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function queryValue(query: string, name: string): string | undefined {
  if (query === '') return undefined;
  return new URLSearchParams(query).get(name) ?? undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function headerChecks(spec: unknown, negate: boolean): Check[] {
  return Object.entries(record(spec)).map(([name, match]) => {
    const lower = name.toLowerCase();
    const matcher = compileStringMatch(match);
    return negate
      ? (facts) => !matcher(headerValue(facts.headers, lower))
      : (facts) => matcher(headerValue(facts.headers, lower));
  });
}

/**
 * Compiles one `HTTPMatchRequest`: `uri`, `method`, `authority`, `headers`, `withoutHeaders`,
 * `queryParams`, `port`, `sourceLabels`, `sourceNamespace`, `ignoreUriCase`; `scheme` matches `http`.
 * `gateways` is ignored (the playground's proxy is the mesh and the gateway at once). Throws
 * RouteSpecError for an invalid regex.
 */
export function compileMatch(spec: unknown): CompiledMatch {
  const match = record(spec);
  const checks: Check[] = [];
  let rewrite: UriRewriteMode = { kind: 'prefix', prefix: '/' };
  const uri = record(match.uri);
  if (match.uri !== undefined) {
    const matcher = compileStringMatch(uri, { ignoreCase: match.ignoreUriCase === true });
    checks.push((facts) => matcher(facts.path));
    rewrite = typeof uri.prefix === 'string' ? { kind: 'prefix', prefix: uri.prefix } : { kind: 'whole' };
  }
  const simple: [unknown, (facts: RequestFacts) => string][] = [
    [match.method, (facts) => facts.method],
    [match.authority, (facts) => facts.authority],
    [match.scheme, () => 'http'],
  ];
  for (const [condition, read] of simple) {
    if (condition === undefined) continue;
    const matcher: StringMatcher = compileStringMatch(condition);
    checks.push((facts) => matcher(read(facts)));
  }
  checks.push(...headerChecks(match.headers, false), ...headerChecks(match.withoutHeaders, true));
  for (const [name, condition] of Object.entries(record(match.queryParams))) {
    const matcher = compileStringMatch(condition);
    checks.push((facts) => matcher(queryValue(facts.query, name)));
  }
  if (typeof match.port === 'number') {
    const port = match.port;
    checks.push((facts) => facts.port === port);
  }
  const sourceLabels = Object.entries(record(match.sourceLabels));
  if (sourceLabels.length > 0) {
    checks.push((facts) => sourceLabels.every(([key, value]) => facts.caller?.labels[key] === value));
  }
  if (typeof match.sourceNamespace === 'string') {
    const namespace = match.sourceNamespace;
    checks.push((facts) => facts.caller?.namespace === namespace);
  }
  return {
    test: (facts) => {
      for (const check of checks) if (!check(facts)) return false;
      return true;
    },
    rewrite,
  };
}
