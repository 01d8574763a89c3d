import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './tools.js';

/** Weir's version, from package.json. */
export function weirVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
