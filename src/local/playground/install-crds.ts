import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeClient } from '../../kube/kube-client.js';
import type { KubeObject } from '../../kube/kube-object.js';
import { packageRoot } from '../../platform/tools.js';
import { meshCrds } from '../mesh-crds/mesh-crds.js';

/** Weir's CRDs (deploy/crds/crds.yaml) and the mesh CRDs the playground's mesh reads. */
export function playgroundCrds(): KubeObject[] {
  const text = readFileSync(join(packageRoot(), 'deploy', 'crds', 'crds.yaml'), 'utf8');
  const weir = parseAllDocuments(text)
    .map((doc) => doc.toJSON() as KubeObject)
    .filter(Boolean);
  return [...weir, ...meshCrds()];
}

/** Creates missing CRDs and updates changed ones (an upgraded Weir brings new schemas). */
export async function installCrds(client: KubeClient, crds: KubeObject[] = playgroundCrds()): Promise<void> {
  for (const crd of crds) {
    const existing = await client.get<KubeObject & { spec?: unknown }>({
      apiVersion: crd.apiVersion,
      kind: crd.kind,
      name: crd.metadata.name,
    });
    if (!existing) {
      await client.create(crd);
    } else if (
      JSON.stringify(existing.spec) !== JSON.stringify((crd as KubeObject & { spec?: unknown }).spec)
    ) {
      await client.replace({
        ...crd,
        metadata: { ...crd.metadata, resourceVersion: existing.metadata.resourceVersion },
      });
    }
  }
}
