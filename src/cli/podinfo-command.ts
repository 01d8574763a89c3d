import type { Command } from 'commander';
import { createLogger, type LogLevel } from '../platform/logger.js';
import { podinfoConfig, podinfoFlags } from './podinfo-flags.js';
import { runServerProcess } from './server-process.js';

/** `weir local podinfo [flags]`: the podinfo-compatible sample app the playground's kubelet runs per pod. */
export function registerPodinfo(local: Command): void {
  local
    .command('podinfo')
    .description('run the podinfo-compatible sample app (podinfo flags, e.g. --port=9898 --random-error)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[flags...]', 'podinfo flags; -h lists them')
    .action(async (args: string[]) => {
      await runServerProcess(args, {
        command: 'weir local podinfo',
        specs: podinfoFlags,
        display: '--',
        envPrefix: 'PODINFO',
        start: async ({ values, explicit }) => {
          const { config, level } = podinfoConfig(values, explicit, process.env);
          const logLevel: LogLevel = level === 'fatal' || level === 'panic' ? 'error' : level;
          const logger = createLogger({ level: logLevel });
          const { startPodinfo } = await import('../local/apps/podinfo/podinfo-server.js');
          logger.info('Starting podinfo', {
            version: config.version,
            revision: config.revision,
            port: config.port,
          });
          return startPodinfo({ config, logger });
        },
      });
    });
}
