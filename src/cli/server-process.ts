import { FlagError, type FlagSpecs, flagUsage, type ParsedFlags, parseGoFlags } from './go-flags.js';

/** How a long-running server subcommand reads its flags and starts. */
export interface ServerProcessOptions<S extends FlagSpecs> {
  /** The command as users type it (`weir loadtester`), for messages and usage. */
  command: string;
  specs: S;
  /** `-` (Go `flag`) or `--` (pflag) in messages and usage. */
  display: '-' | '--';
  /** Environment prefix for flag values (`PODINFO` → `PODINFO_UI_COLOR`). */
  envPrefix?: string;
  /** Starts serving with the parsed flags; returns the graceful stop. May throw `FlagError` for bad values. */
  start(parsed: Extract<ParsedFlags<S>, { help: false }>): Promise<{ stop(): Promise<void> }>;
}

/**
 * Runs a server subcommand as Go programs behave: `-h` prints usage (exit 0), a bad flag prints what is
 * wrong and valid (exit 2), SIGTERM/SIGINT stop gracefully (exit 0), a failure to start exits 1.
 */
export async function runServerProcess<S extends FlagSpecs>(
  args: readonly string[],
  options: ServerProcessOptions<S>,
): Promise<void> {
  const usage = () => flagUsage(options.command, options.specs, options.display);
  let server: { stop(): Promise<void> };
  try {
    const parsed = parseGoFlags(args, options.specs, {
      display: options.display,
      env: process.env,
      ...(options.envPrefix ? { envPrefix: options.envPrefix } : {}),
    });
    if (parsed.help) {
      process.stdout.write(usage());
      return;
    }
    server = await options.start(parsed);
  } catch (error) {
    if (error instanceof FlagError) {
      process.stderr.write(`${options.command}: ${error.message}\nRun '${options.command} -h' for usage.\n`);
      process.exit(2);
    }
    throw error;
  }
  const stop = (signal: NodeJS.Signals) => {
    void server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${options.command}: stopping after ${signal} failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
