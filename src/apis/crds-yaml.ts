import { stringify } from 'yaml';
import { flaggerCrds } from './crds.js';

/** Where the generated CRDs are committed, relative to the package root. */
export const crdsManifestPath = 'deploy/crds/crds.yaml';

const header = [
  '# Generated from the schemas in src/apis/ by scripts/generate-crds.ts: do not edit by hand.',
  '# Regenerate with `npm run generate:crds` (or `npx tsx scripts/generate-crds.ts`).',
];

/** The text of {@link crdsManifestPath}: a header comment, then one YAML document per CRD. */
export function renderCrdsYaml(): string {
  const documents = flaggerCrds().map((crd) =>
    stringify(crd, { lineWidth: 0, aliasDuplicateObjects: false }),
  );
  return `${header.join('\n')}\n${documents.map((d) => `---\n${d}`).join('')}`;
}
