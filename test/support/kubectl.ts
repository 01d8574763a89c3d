import { spawn } from 'node:child_process';
import { toolPath } from '../../src/platform/tools.js';
import { type StreamingCommand, spawnStreaming } from './streaming-command.js';

/** What a finished command printed and how it exited. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion with optional stdin; never throws on a non-zero exit. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A kubectl bound to one kubeconfig and a private discovery cache. */
export class Kubectl {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Runs `kubectl <args>`. */
  run(args: readonly string[], input?: string): Promise<CommandResult> {
    return runCommand(toolPath('kubectl'), args, {
      env: this.env,
      ...(input !== undefined ? { input } : {}),
    });
  }

  /** Runs `kubectl <args>` and fails with its stderr unless it exits 0; returns stdout. */
  async ok(args: readonly string[], input?: string): Promise<string> {
    const result = await this.run(args, input);
    if (result.code !== 0)
      throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  }

  /** Starts `kubectl <args>` in the background (`get -w`); the caller stops it. */
  spawn(args: readonly string[]): StreamingCommand {
    return spawnStreaming(toolPath('kubectl'), args, this.env);
  }

  /** `kubectl <args> -o json`, parsed. */
  async json<T = Record<string, unknown>>(args: readonly string[]): Promise<T> {
    return JSON.parse(await this.ok([...args, '-o', 'json'])) as T;
  }
}
