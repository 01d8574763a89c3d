import { parseArgs } from 'node:util';
import { loadCases, rvPath } from './apiserver/cases.js';
import { type FanOutSettings, runFanOut } from './apiserver/fan-out.js';
import { type LoadFigures, type LoadSettings, runLoad } from './apiserver/load.js';
import { type ModeFigures, modeTable, summary } from './apiserver/report.js';
import { seed } from './apiserver/seed.js';
import { type ServerRuntime, type StorageMode, startServerProcess } from './apiserver/server-process.js';
import { HttpClient } from './support/http-client.js';
import { loadLine, machineLine } from './support/report-lines.js';

/** What to measure and how. */
export interface ApiServerBenchOptions {
  storages: StorageMode[];
  runtime: ServerRuntime;
  load: LoadSettings;
  fanOut: FanOutSettings;
  /** Writes a CPU profile of each server process here. */
  cpuProfDir?: string;
  /** Runs the server of another checkout (to compare versions). */
  root?: string;
  /** Only the cases whose names contain this text (the fan-out is named "watch fan-out"). */
  only?: string;
}

/** `--storage data-dir,in-memory --seconds 5 --warmup 1 --connections 10 --watchers 1000 --rounds 20 …` */
export function parseApiServerBenchArgs(args: string[]): ApiServerBenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      storage: { type: 'string', default: 'data-dir,in-memory' },
      runtime: { type: 'string', default: 'tsx' },
      seconds: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '10' },
      watchers: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '20' },
      'cpu-prof': { type: 'string' },
      only: { type: 'string' },
      root: { type: 'string' },
    },
  });
  const storages = values.storage.split(',').map((s) => s.trim());
  for (const s of storages) {
    if (s !== 'data-dir' && s !== 'in-memory')
      throw new Error(`--storage: "${s}" is not data-dir or in-memory`);
  }
  if (values.runtime !== 'tsx' && values.runtime !== 'dist') throw new Error('--runtime: tsx or dist');
  return {
    storages: storages as StorageMode[],
    runtime: values.runtime,
    load: {
      connections: Number(values.connections),
      seconds: Number(values.seconds),
      warmupSeconds: Number(values.warmup),
    },
    fanOut: { watchers: Number(values.watchers), rounds: Number(values.rounds), warmupRounds: 3 },
    ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
    ...(values.only ? { only: values.only } : {}),
    ...(values.root ? { root: values.root } : {}),
  };
}

const fanOutName = 'watch fan-out';

const storageTitles: Record<StorageMode, string> = {
  'data-dir': 'data-dir (every write appended to the journal before it is answered)',
  'in-memory': 'in-memory (no journal)',
};

async function measure(storage: StorageMode, options: ApiServerBenchOptions): Promise<ModeFigures> {
  const server = await startServerProcess({
    storage,
    runtime: options.runtime,
    ...(options.cpuProfDir ? { cpuProfDir: options.cpuProfDir } : {}),
    ...(options.root ? { root: options.root } : {}),
  });
  const client = new HttpClient(server.url);
  try {
    await seed(client);
    const target = { url: server.url, client, rvPath, cpuSeconds: () => server.cpuSeconds() };
    const loads: LoadFigures[] = [];
    for (const load of loadCases()) {
      if (options.only && !load.name.includes(options.only)) continue;
      loads.push(await runLoad(target, load, options.load));
    }
    const fanOut =
      !options.only || fanOutName.includes(options.only)
        ? await runFanOut(target, options.fanOut)
        : undefined;
    return { storage, title: storageTitles[storage], loads, fanOut };
  } finally {
    client.close();
    await server.stop();
  }
}

/** Measures the API server in each storage mode and prints the figures; false when a request failed. */
export async function runApiServerBench(options: ApiServerBenchOptions): Promise<boolean> {
  const { connections, seconds, warmupSeconds } = options.load;
  process.stdout.write(
    [
      'Weir local API server',
      machineLine(),
      loadLine('at start'),
      `server: \`weir local apiserver\` in a child process (${options.runtime === 'tsx' ? 'source through tsx' : 'dist/'}${options.root ? ` of ${options.root}` : ''}); ` +
        `load: autocannon in this process, ${connections} keep-alive connections, ${seconds} s per case after ${warmupSeconds} s of warm-up`,
      '',
    ].join('\n'),
  );
  const all: ModeFigures[] = [];
  for (const storage of options.storages) {
    const figures = await measure(storage, options);
    all.push(figures);
    process.stdout.write(`${modeTable(figures)}\n\n`);
  }
  process.stdout.write(`${summary(all)}\n${loadLine('at end')}\n`);
  if (options.cpuProfDir) process.stdout.write(`CPU profiles of the server: ${options.cpuProfDir}\n`);
  const errors = all.flatMap((f) => f.loads).reduce((n, l) => n + l.errors, 0);
  if (errors > 0) process.stdout.write(`FAILED: ${errors} requests failed (must be 0)\n`);
  return errors === 0;
}
