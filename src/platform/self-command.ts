import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from './tools.js';

/** A command line that starts a process: the executable and its arguments. */
export interface Invocation {
  command: string;
  args: string[];
}

/**
 * How to run `weir <args>` as a child process: the compiled CLI when this code runs from `dist/`, else
 * the TypeScript sources through tsx (tests and `npm run` from a checkout).
 */
export function weirInvocation(args: readonly string[]): Invocation {
  const root = packageRoot();
  const fromDist = import.meta.url.includes('/dist/');
  const compiled = join(root, 'dist', 'cli', 'main.js');
  if (fromDist && existsSync(compiled)) return { command: process.execPath, args: [compiled, ...args] };
  // An absolute file URL, so the child finds tsx whatever its working directory.
  const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  return { command: process.execPath, args: ['--import', tsx, join(root, 'src', 'cli', 'main.ts'), ...args] };
}
