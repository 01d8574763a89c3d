import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

// `npx tsx bench/profile-summary.ts <file.cpuprofile> [top]`: where a V8 CPU profile spent its time,
// by function (self time) and by file, to read the profiles `npm run bench -- --cpu-prof DIR` writes.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function place(frame: ProfileNode['callFrame']): string {
  const file = frame.url ? relative(process.cwd(), frame.url.replace(/^file:\/\//, '')) : '(native)';
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

function top(map: Map<string, number>, total: number, count: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([key, us]) =>
        `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`,
    );
}

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const selfByFunction = new Map<string, number>();
const totalByFunction = new Map<string, number>();
const selfByFile = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const delta = profile.timeDeltas[i] ?? 0;
  if (!node || node.callFrame.functionName === '(idle)') return;
  total += delta;
  const key = place(node.callFrame);
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + delta);
  const fileKey = key.slice(key.indexOf(' ') + 1).replace(/:\d+$/, '');
  selfByFile.set(fileKey, (selfByFile.get(fileKey) ?? 0) + delta);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame?.url.includes('/src/')) continue;
    const name = place(frame);
    if (seen.has(name)) continue;
    seen.add(name);
    totalByFunction.set(name, (totalByFunction.get(name) ?? 0) + delta);
  }
});
const count = Number(countArg ?? 30);
process.stdout.write(
  [
    `busy ${(total / 1000).toFixed(0)} ms (idle excluded)`,
    'self time by function:',
    ...top(selfByFunction, total, count),
    'total time (self and callees) by project function:',
    ...top(totalByFunction, total, count),
    'self time by file:',
    ...top(selfByFile, total, count),
    '',
  ].join('\n'),
);
