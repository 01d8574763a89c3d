/** Compiled Istio `HeaderOperations` of one direction. */
export interface HeaderOps {
  /** Lower-case names removed first (Envoy removes before it adds). */
  remove: readonly string[];
  /** Headers overwritten. */
  set: readonly (readonly [string, string])[];
  /** Headers appended. */
  add: readonly (readonly [string, string])[];
}

/** Compiled Istio `Headers`: request and response edits. */
export interface HeaderEdits {
  request?: HeaderOps;
  response?: HeaderOps;
}

function stringEntries(value: unknown): [string, string][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

function compileOps(spec: unknown): HeaderOps | undefined {
  if (typeof spec !== 'object' || spec === null) return undefined;
  const { set, add, remove } = spec as Record<string, unknown>;
  const ops: HeaderOps = {
    remove: Array.isArray(remove)
      ? remove.filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase())
      : [],
    set: stringEntries(set),
    add: stringEntries(add),
  };
  return ops.remove.length + ops.set.length + ops.add.length > 0 ? ops : undefined;
}

/** Compiles `headers: {request: {set, add, remove}, response: {…}}`; undefined when it edits nothing. */
export function compileHeaderEdits(spec: unknown): HeaderEdits | undefined {
  if (typeof spec !== 'object' || spec === null) return undefined;
  const { request, response } = spec as Record<string, unknown>;
  const edits: HeaderEdits = {};
  const requestOps = compileOps(request);
  const responseOps = compileOps(response);
  if (requestOps) edits.request = requestOps;
  if (responseOps) edits.response = responseOps;
  return requestOps || responseOps ? edits : undefined;
}

/** Applies edits to a flat `[name, value, name, value…]` header list, returning a new list. */
export function applyHeaderOps(raw: readonly string[], ops: HeaderOps): string[] {
  const drop = new Set([...ops.remove, ...ops.set.map(([name]) => name.toLowerCase())]);
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!drop.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  }
  for (const [name, value] of ops.set) out.push(name, value);
  for (const [name, value] of ops.add) out.push(name, value);
  return out;
}

/** Headers that describe one connection (RFC 9110 §7.6.1), never forwarded by a proxy. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The end-to-end headers of a flat raw header list: hop-by-hop headers, those the `Connection` header
 * names and `Expect` (the proxy answers it itself) are dropped, and `Host` too when `dropHost`.
 */
export function endToEndHeaders(raw: readonly string[], dropHost = false): string[] {
  let named: Set<string> | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.length === 10 && raw[i]!.toLowerCase() === 'connection') {
      named ??= new Set();
      for (const token of raw[i + 1]!.split(',')) named.add(token.trim().toLowerCase());
    }
  }
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (hopByHop.has(lower) || named?.has(lower) || lower === 'expect') continue;
    if (dropHost && lower === 'host') continue;
    out.push(name, raw[i + 1]!);
  }
  return out;
}
