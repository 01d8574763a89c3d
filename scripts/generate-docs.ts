// Writes docs/flags.md (from src/config/flags.ts) and docs/canary-fields.md (from the schemas in src/apis/).
// Run: npx tsx scripts/generate-docs.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/platform/tools.js';
import { canaryFieldsDocPath, renderCanaryFieldsDoc } from './docs/canary-fields-doc.js';
import { flagsDocPath, renderFlagsDoc } from './docs/flags-doc.js';

for (const [path, text] of [
  [flagsDocPath, renderFlagsDoc()],
  [canaryFieldsDocPath, renderCanaryFieldsDoc()],
] as const) {
  writeFileSync(join(packageRoot(), path), text);
  console.log(`wrote ${path}`);
}
