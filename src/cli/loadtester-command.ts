import type { Command } from 'commander';
import { createLogger, type LogLevel, LogLevels } from '../platform/logger.js';
import { type FlagSpecs, invalidFlagValue } from './go-flags.js';
import { runServerProcess } from './server-process.js';

/** The levels Flagger's `-log-level` accepts (zap's); the last three log as `error`. */
const zapLevels = [...LogLevels, 'dpanic', 'panic', 'fatal'] as const;

/** Flagger's load tester flags (Go `flag` style, `-port=8080`), plus Weir's `-host`. */
export const loadTesterFlags = {
  host: { kind: 'string', default: '127.0.0.1', usage: 'address to bind (the pod IP in the playground)' },
  port: { kind: 'int', default: 9090, usage: 'port to listen on; 0 picks a free one' },
  'log-level': { kind: 'string', default: 'debug', usage: `log level: ${zapLevels.join(', ')}` },
  timeout: { kind: 'duration', default: 3_600_000, usage: 'how long one command may run' },
  'namespace-regexp': {
    kind: 'string',
    default: '',
    usage: 'serve only payloads whose namespace matches this regular expression',
  },
  'zap-replace-globals': { kind: 'bool', default: false, usage: 'accepted for compatibility; ignored' },
  'zap-encoding': { kind: 'string', default: 'json', usage: 'json or console (logs are JSON either way)' },
} as const satisfies FlagSpecs;

/** `weir loadtester [flags]`: Flagger's load tester API, which the playground's kubelet runs per pod. */
export function registerLoadTester(program: Command): void {
  program
    .command('loadtester')
    .description("run Flagger's load tester API (flags as Flagger's: -port=8080 -timeout=1h …)")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[flags...]', 'load tester flags; -h lists them')
    .action(async (args: string[]) => {
      await runServerProcess(args, {
        command: 'weir loadtester',
        specs: loadTesterFlags,
        display: '-',
        start: async ({ values }) => {
          const level = values['log-level'];
          if (!(zapLevels as readonly string[]).includes(level)) {
            throw invalidFlagValue('-', 'log-level', level, `must be one of ${zapLevels.join(', ')}`);
          }
          if (!['json', 'console'].includes(values['zap-encoding'])) {
            throw invalidFlagValue('-', 'zap-encoding', values['zap-encoding'], 'must be json or console');
          }
          if (values.port < 0 || values.port > 65535) {
            throw invalidFlagValue('-', 'port', String(values.port), 'must be a port number 0-65535');
          }
          if (values.timeout <= 0) {
            throw invalidFlagValue('-', 'timeout', String(values.timeout), 'must be a positive duration');
          }
          let namespaceRegexp: RegExp | undefined;
          if (values['namespace-regexp'] !== '') {
            try {
              namespaceRegexp = new RegExp(values['namespace-regexp']);
            } catch (error) {
              throw invalidFlagValue('-', 'namespace-regexp', values['namespace-regexp'], String(error));
            }
          }
          const logger = createLogger({
            level: (LogLevels as readonly string[]).includes(level) ? (level as LogLevel) : 'error',
          });
          const { startLoadTester } = await import('../loadtester/loadtester-server.js');
          return startLoadTester({
            host: values.host,
            port: values.port,
            timeoutMs: values.timeout,
            ...(namespaceRegexp ? { namespaceRegexp } : {}),
            logger,
          });
        },
      });
    });
}
