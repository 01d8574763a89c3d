import { parseApiServerBenchArgs, runApiServerBench } from './apiserver.js';

// `npm run bench [-- [name] options]` runs every benchmark, or the one named; options: bench/README.md.
const benchmarks: Record<string, (args: string[]) => Promise<boolean>> = {
  apiserver: (args) => runApiServerBench(parseApiServerBenchArgs(args)),
};

const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && first in benchmarks;
const selected = named ? [first] : Object.keys(benchmarks);
const args = named ? rest : process.argv.slice(2);
try {
  let ok = true;
  for (const name of selected) ok = (await benchmarks[name]!(args)) && ok;
  if (!ok) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
