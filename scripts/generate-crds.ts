// Writes deploy/crds/crds.yaml from the schemas in src/apis/. Run: npm run generate:crds
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crdsManifestPath, renderCrdsYaml } from '../src/apis/crds-yaml.js';
import { packageRoot } from '../src/platform/tools.js';

const target = join(packageRoot(), crdsManifestPath);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderCrdsYaml());
console.log(`wrote ${crdsManifestPath}`);
