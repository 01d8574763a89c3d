import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../kube/kube-object.js';
import { packageRoot } from '../../platform/tools.js';

/** Names of the CRDs {@link meshCrds} returns. */
export const meshCrdNames = [
  'destinationrules.networking.istio.io',
  'gateways.networking.istio.io',
  'trafficsplits.split.smi-spec.io',
  'virtualservices.networking.istio.io',
] as const;

/** The YAML files sit beside this module in the sources; a build output finds them under the package root. */
function crdDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (readdirSync(here).some((f) => f.endsWith('.yaml'))) return here;
  const source = join(packageRoot(), 'src', 'local', 'mesh-crds');
  if (!existsSync(source)) throw new Error(`mesh CRD manifests not found beside ${here} nor in ${source}`);
  return source;
}

/**
 * The CRDs installing Istio and an SMI adapter would register (VirtualService, DestinationRule, Gateway,
 * TrafficSplit), for the playground and tests: apply them to an API server, then Weir's routers can work.
 */
export function meshCrds(): KubeObject[] {
  const dir = crdDirectory();
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      // Through JSON, so that YAML aliases (one schema for several versions) become separate objects.
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(
        (doc) => JSON.parse(JSON.stringify(doc.toJSON())) as KubeObject,
      ),
    );
}
