// Copies what the Helm charts and the kustomize base share with deploy/ (CRDs, RBAC, the Grafana dashboard).
// Run after changing deploy/crds, deploy/rbac or deploy/grafana: npx tsx scripts/sync-install-manifests.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../src/platform/tools.js';
import { installCopies } from './install/install-copies.js';

const root = packageRoot();
for (const copy of installCopies(root)) {
  const target = join(root, copy.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, copy.text);
  console.log(`wrote ${copy.path} (from ${copy.source})`);
}
