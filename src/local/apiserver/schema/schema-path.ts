/** Field paths inside a CRD schema, printed the way apimachinery's `field.Path` prints them. */

/** `path.name`, or `name` at the root. */
export function child(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** `path[key]`. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/** `path[i]`. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** `path.properties[k]`. */
export function propertyPath(path: string, k: string): string {
  return key(child(path, 'properties'), k);
}
