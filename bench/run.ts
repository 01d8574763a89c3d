import { parseApiServerBenchArgs, runApiServerBench } from './apiserver.js';
import {
  type OperatorBenchName,
  operatorBenchNames,
  parseOperatorBenchArgs,
  runOperatorBench,
} from './operator.js';
import {
  type PlaygroundBenchName,
  parsePlaygroundBenchArgs,
  playgroundBenchNames,
  runPlaygroundBench,
} from './playground.js';

type Bench = (args: string[]) => Promise<boolean>;

const operator =
  (names: readonly OperatorBenchName[]): Bench =>
  (args) =>
    runOperatorBench(parseOperatorBenchArgs(args, [...names]));
const playground =
  (names: readonly PlaygroundBenchName[]): Bench =>
  (args) =>
    runPlaygroundBench(parsePlaygroundBenchArgs(args, [...names]));

// `npm run bench [-- [name] options]` runs every group, or the group or single benchmark named; options:
// bench/README.md.
const groups: Record<string, Bench> = {
  apiserver: (args) => runApiServerBench(parseApiServerBenchArgs(args)),
  operator: operator(operatorBenchNames),
  playground: playground(playgroundBenchNames),
};
const singles: Record<string, Bench> = {
  ...Object.fromEntries(operatorBenchNames.map((name) => [name, operator([name])])),
  ...Object.fromEntries(playgroundBenchNames.map((name) => [name, playground([name])])),
};
const benchmarks: Record<string, Bench> = { ...groups, ...singles };

const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && first in benchmarks;
const selected = named ? [first] : Object.keys(groups);
const args = named ? rest : process.argv.slice(2);
try {
  let ok = true;
  for (const name of selected) ok = (await benchmarks[name]!(args)) && ok;
  if (!ok) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
