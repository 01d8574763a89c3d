#!/usr/bin/env node
// The `weir` command runs the compiled CLI; `npm run build` (or `npm run setup`) produces it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('weir: dist/ is missing; run `npm run setup` (or `npm run build`) first\n');
  process.exit(1);
}
await import(entry.href);
