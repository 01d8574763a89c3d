import { isJsonObject } from '../model/object.js';

/** The unescaped segments of an ajv instance path (`/spec/items/0`). */
export function instanceSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The unescaped segments of an ajv schema path (`#/properties/spec/oneOf/0`), which are also URI-encoded. */
export function schemaSegments(schemaPath: string): string[] {
  const body = schemaPath.startsWith('#') ? schemaPath.slice(1) : schemaPath;
  if (body === '' || body === '/') return [];
  return body
    .slice(1)
    .split('/')
    .map((s) => decodeURIComponent(s).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value at `segments` inside `root`, or undefined. */
export function valueAt(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isJsonObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/**
 * The field path the real server prints for the value at `segments`: object keys joined by dots (unescaped,
 * as kube-openapi does), array indices as `[i]`.
 */
export function fieldPathOf(root: unknown, segments: readonly string[]): string {
  let path = '';
  let current = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      path += `[${segment}]`;
      current = current[Number(segment)];
    } else {
      path = path === '' ? segment : `${path}.${segment}`;
      current = isJsonObject(current) ? current[segment] : undefined;
    }
  }
  return path;
}

/** `parent.child`, or `child` at the root. */
export function childPath(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}
