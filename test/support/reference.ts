import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../src/platform/tools.js';

/**
 * The upstream Flagger manifests users already have (CRDs, examples, kustomizations), which Weir must
 * accept unchanged. They live beside the repository (`../shared/reference/flagger`); `WEIR_REFERENCE_DIR`
 * overrides. A missing directory fails the test that needs it, loudly.
 */
export function flaggerReference(...parts: string[]): string {
  const base =
    process.env.WEIR_REFERENCE_DIR ?? resolve(packageRoot(), '..', 'shared', 'reference', 'flagger');
  const path = join(base, ...parts);
  if (!existsSync(path)) {
    throw new Error(
      `upstream reference file ${path} is missing; set WEIR_REFERENCE_DIR to the directory holding Flagger's manifests`,
    );
  }
  return path;
}
