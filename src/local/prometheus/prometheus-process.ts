import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { PrometheusError } from './prometheus-errors.js';

/** How to run the binary. */
export interface PrometheusProcessOptions {
  binary: string;
  configFile: string;
  storagePath: string;
  /** `127.0.0.1:9090` */
  listenAddress: string;
  /** `--storage.tsdb.retention.time`, e.g. `1d`. */
  retention: string;
  /** Where Prometheus' own log goes (appended). */
  logFile: string;
  /** How long to wait for `/-/ready`. */
  readyTimeoutMs: number;
  /** Pause between readiness checks (injected so tests could avoid real waiting). */
  sleep: (ms: number) => Promise<void>;
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * A running Prometheus process: started with its own config, TSDB directory and listen address, reload
 * through `/-/reload`, stopped with SIGTERM (SIGKILL after a grace period). If this Node process exits
 * first, the child is sent SIGTERM so nothing is left running.
 */
export class PrometheusProcess {
  private readonly exitHook = () => this.child.kill('SIGTERM');
  private readonly exited: Promise<number | null>;
  private running = true;

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: PrometheusProcessOptions,
    /** `http://127.0.0.1:<port>` */
    readonly url: string,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        this.running = false;
        process.off('exit', this.exitHook);
        resolve(code);
      });
    });
    process.on('exit', this.exitHook);
  }

  /** Starts Prometheus and resolves once it answers `/-/ready`; rejects with the end of its log otherwise. */
  static async start(options: PrometheusProcessOptions): Promise<PrometheusProcess> {
    const log = openSync(options.logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(
        options.binary,
        [
          `--config.file=${options.configFile}`,
          `--storage.tsdb.path=${options.storagePath}`,
          `--storage.tsdb.retention.time=${options.retention}`,
          `--web.listen-address=${options.listenAddress}`,
          '--web.enable-lifecycle',
          '--log.format=json',
        ],
        { stdio: ['ignore', log, log] },
      );
    } finally {
      closeSync(log);
    }
    const spawned = await new Promise<Error | undefined>((resolve) => {
      child.once('spawn', () => resolve(undefined));
      child.once('error', resolve);
    });
    if (spawned) {
      throw new PrometheusError('start-failed', `cannot start ${options.binary}: ${spawned.message}`, {
        cause: spawned,
      });
    }
    const running = new PrometheusProcess(child, options, `http://${options.listenAddress}`);
    await running.waitReady();
    return running;
  }

  /** Whether the process is still running. */
  get alive(): boolean {
    return this.running;
  }

  /** Makes Prometheus re-read its configuration; rejects with its reason when the new one is invalid. */
  async reload(): Promise<void> {
    const response = await fetch(`${this.url}/-/reload`, { method: 'POST' });
    if (!response.ok) {
      throw new PrometheusError(
        'reload-failed',
        `Prometheus rejected its configuration ${this.options.configFile}: ${(await response.text()).trim()}`,
      );
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it has exited. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private async waitReady(): Promise<void> {
    const deadline = performance.now() + this.options.readyTimeoutMs;
    while (this.running) {
      try {
        const response = await fetch(`${this.url}/-/ready`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      if (performance.now() > deadline) {
        await this.stop();
        throw new PrometheusError(
          'not-ready',
          `Prometheus did not become ready on ${this.url} within ${this.options.readyTimeoutMs} ms; its log (${this.options.logFile}) ends with:\n${tail(this.options.logFile)}`,
        );
      }
      await this.options.sleep(100);
    }
    const code = await this.exited;
    throw new PrometheusError(
      'start-failed',
      `Prometheus exited (code ${code}) before it was ready; its log (${this.options.logFile}) ends with:\n${tail(this.options.logFile)}`,
    );
  }
}
