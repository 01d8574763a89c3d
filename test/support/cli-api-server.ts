import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { packageRoot } from '../../src/platform/tools.js';

/** A `weir local apiserver` running as a child process. */
export interface CliApiServer {
  child: ChildProcess;
  url: string;
  port: number;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** Sends `signal` and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Where and how to start the server. */
export interface CliApiServerOptions {
  dataDir: string;
  kubeconfig: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  timeoutMs?: number;
}

/**
 * Spawns `node --import tsx src/cli/main.ts local apiserver …` and resolves once it printed its
 * `serving` line; rejects (and kills it) if it exits or stays silent for `timeoutMs`.
 */
export async function spawnCliApiServer(options: CliApiServerOptions): Promise<CliApiServer> {
  const root = packageRoot();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'src', 'cli', 'main.ts'),
      'local',
      'apiserver',
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      options.dataDir,
      '--kubeconfig',
      options.kubeconfig,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = once(child, 'exit');
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  const serving = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { msg?: string; url?: string };
        if (parsed.msg === 'serving' && parsed.url) resolve(parsed.url);
      } catch {
        // not a JSON line
      }
    });
    void exited.then(() => reject(new Error(`apiserver exited before serving: ${stderr}`)));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`apiserver not serving after ${options.timeoutMs ?? 20_000} ms: ${stderr}`)),
      options.timeoutMs ?? 20_000,
    );
  });
  try {
    const url = await Promise.race([serving, timeout]);
    return { child, url, port: Number(new URL(url).port), stderr: () => stderr, kill };
  } catch (error) {
    await kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
