import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeClient } from '../../src/kube/kube-client.js';
import type { KubeObject } from '../../src/kube/kube-object.js';
import { meshCrds } from '../../src/local/mesh-crds/mesh-crds.js';
import { packageRoot } from '../../src/platform/tools.js';

/** Registers Weir's CRDs (`deploy/crds`) and the meshes' (VirtualService, DestinationRule, TrafficSplit …), as installing them would. */
export async function installCrds(raw: KubeClient): Promise<void> {
  const crdFile = join(packageRoot(), 'deploy', 'crds', 'crds.yaml');
  const crds = parseAllDocuments(readFileSync(crdFile, 'utf8')).map((d) => d.toJSON() as KubeObject);
  for (const crd of [...crds, ...meshCrds()]) await raw.create(crd);
}
