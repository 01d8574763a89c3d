import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { flagDefinitions } from '../config/flags.js';
import { ConfigError } from '../config/parse-flags.js';
import { createLogger } from '../platform/logger.js';
import { weirVersion } from '../platform/version.js';

function flagHelp(): string {
  return flagDefinitions
    .map(
      (f) =>
        `  -${f.name}${f.type === 'bool' ? '' : `=<${f.type}>`}  ${f.description} (default ${JSON.stringify(f.default)})`,
    )
    .join('\n');
}

/** `weir operator [flags]`: the canary controller, with Flagger's flag names (one or two dashes). */
export function registerOperator(program: Command): void {
  program
    .command('operator')
    .description('run the canary operator (flags as Flagger: -mesh-provider, -metrics-server, -namespace, …)')
    .helpOption(false)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .argument('[flags...]')
    .addHelpText(
      'after',
      `\nFlags:\n${flagHelp()}\n\nEvery flag can also be set as WEIR_<NAME> (e.g. WEIR_MESH_PROVIDER).`,
    )
    .action(async (_flags: string[], _options: unknown, command: Command) => {
      const argv = command.args;
      if (argv.includes('-h') || argv.includes('--help') || argv.includes('-help')) {
        command.outputHelp();
        return;
      }
      let config: ReturnType<typeof loadConfig>;
      try {
        config = loadConfig(argv);
      } catch (error) {
        if (error instanceof ConfigError) {
          process.stderr.write(
            `weir operator: invalid flags:\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`,
          );
          process.exit(2);
        }
        throw error;
      }
      if (config.version) {
        process.stdout.write(`weir version ${weirVersion()}\n`);
        return;
      }
      const logger = createLogger({ level: config.logLevel });
      // Loaded on demand: the other subcommands (pods started by the kubelet) need none of this.
      const { startOperator } = await import('../main/operator.js');
      const operator = await startOperator({ config, logger, version: weirVersion() });
      const stop = async (signal: string) => {
        logger.info(`Received ${signal}, shutting down`);
        await operator.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
