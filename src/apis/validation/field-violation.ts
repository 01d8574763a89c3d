/** One invalid field: where it is (a dotted path such as `spec.analysis.threshold`) and what would be valid. */
export interface FieldViolation {
  field: string;
  message: string;
}

/** The outcome of checking a value against a schema: the value, typed, or every violation found. */
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldViolation[] };

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `pointer` (a JSON pointer such as `/spec/analysis`) inside `root`, if any. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else node = isRecord(node) ? node[segment] : undefined;
  }
  return node;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The dotted field path of a JSON pointer inside `root`: `/spec/analysis/metrics/0/name` becomes
 * `spec.analysis.metrics[0].name`; map keys stay dotted, as the API server words them.
 */
export function fieldPath(root: unknown, pointer: string): string {
  let node = root;
  let path = '';
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(node)) {
      path += `[${segment}]`;
      node = node[Number(segment)];
    } else {
      path = childField(path, segment);
      node = isRecord(node) ? node[segment] : undefined;
    }
  }
  return path;
}

/** The path of field `name` inside the object at `path`. */
export function childField(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}
