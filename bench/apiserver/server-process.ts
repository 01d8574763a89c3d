import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Where the server keeps its state: a journaled data directory, or nothing on disk. */
export type StorageMode = 'data-dir' | 'in-memory';

/** How the server is launched: from source through tsx, or the compiled `bin/weir.js`. */
export type ServerRuntime = 'tsx' | 'dist';

/** Options for {@link startServerProcess}. */
export interface ServerProcessOptions {
  storage: StorageMode;
  runtime: ServerRuntime;
  /** Writes a V8 CPU profile of the server into this directory when it stops. */
  cpuProfDir?: string;
  /** The checkout whose server runs (default: this one), to compare two versions under the same load. */
  root?: string;
}

/** A `weir local apiserver` running in a child process. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** The journal's directory (data-dir mode). */
  readonly dataDir: string | undefined;
  /** A kubeconfig for this server (what the operator and `kubectl` use). */
  readonly kubeconfig: string;
  /** CPU time the server process used so far (user + system), in seconds; undefined off Linux. */
  cpuSeconds(): number | undefined;
  /** Stops the server (SIGTERM, as a user would) and removes its files. */
  stop(): Promise<void>;
}

const thisCheckout = fileURLToPath(new URL('../..', import.meta.url));

function commandLine(options: ServerProcessOptions, home: string): string[] {
  const root = options.root ?? thisCheckout;
  const node = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const entry =
    options.runtime === 'dist'
      ? [join(root, 'bin', 'weir.js')]
      : ['--import', 'tsx', join(root, 'src/cli/main.ts')];
  const storage = options.storage === 'in-memory' ? ['--in-memory'] : ['--data-dir', join(home, 'data')];
  return [
    ...node,
    ...entry,
    'local',
    'apiserver',
    '--port',
    '0',
    ...storage,
    '--kubeconfig',
    join(home, 'kubeconfig'),
  ];
}

let ticksPerSecond: number | undefined;

/** utime + stime of a process from /proc (Linux), in seconds. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the server the way a user does (`weir local apiserver`) and waits until it serves. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const home = mkdtempSync(join(tmpdir(), 'weir-bench-'));
  const child = spawn(process.execPath, commandLine(options, home), {
    cwd: options.root ?? thisCheckout,
    env: { ...process.env, WEIR_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const message = JSON.parse(line) as { msg?: string; url?: string };
        if (message.msg === 'serving' && message.url) resolve(message.url);
      } catch {
        // not a JSON line: ignore
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before serving: ${stderr}`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    dataDir: options.storage === 'data-dir' ? join(home, 'data') : undefined,
    kubeconfig: join(home, 'kubeconfig'),
    cpuSeconds: () => (child.pid ? processCpuSeconds(child.pid) : undefined),
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
