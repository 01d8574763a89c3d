import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../../src/platform/tools.js';

/** A benchmark entry compiled to JavaScript with everything it imports from the checkout. */
export interface CompiledEntry {
  /** The compiled entry (`<dir>/bench/…/x.js`), to run with plain `node`. */
  script: string;
  /** Removes the compiled files. */
  remove(): void;
}

/**
 * Compiles `entry` (a `.ts` file of this checkout) and what it imports with `tsc`, as `npm run build`
 * compiles `src/`, into a temporary directory that looks like the package (package.json, node_modules),
 * so a child process runs the code users run from `dist/` rather than through tsx (whose loader alone
 * holds about 100 MB).
 */
export async function compileEntry(entry: string): Promise<CompiledEntry> {
  const root = packageRoot();
  const dir = mkdtempSync(join(tmpdir(), 'weir-bench-build-'));
  const tsconfig = join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      compilerOptions: { rootDir: root, outDir: dir, noEmit: false, sourceMap: false },
      include: [],
      files: [entry],
    }),
  );
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig],
    {
      cwd: root,
    },
  );
  return {
    script: join(dir, relative(root, entry).replace(/\.ts$/, '.js')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
