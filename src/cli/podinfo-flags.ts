import { hostname as osHostname } from 'node:os';
import {
  DelayUnits,
  defaultMessage,
  type PodinfoConfig,
  PodinfoDefaultLogo,
  type PodinfoLevel,
  PodinfoLevels,
  PodinfoRandomErrorRate,
} from '../local/apps/podinfo/podinfo-config.js';
import { type FlagSpecs, type FlagValues, invalidFlagValue } from './go-flags.js';

const ignored = 'accepted for compatibility with podinfo; ignored';

/** Podinfo's flags (pflag style, `--name=value`) plus Weir's `--host`, `--version`, `--hostname`. */
export const podinfoFlags = {
  host: { kind: 'string', default: '127.0.0.1', usage: 'address to bind (the pod IP in the playground)' },
  port: { kind: 'int', default: 9898, usage: 'HTTP port; 0 picks a free one' },
  'port-metrics': { kind: 'int', default: 0, usage: 'metrics port (/metrics and /healthz); 0 = no listener' },
  version: { kind: 'string', default: '0.0.0-dev', usage: 'version to report (the image tag)' },
  revision: { kind: 'string', default: 'local', usage: 'revision (commit) to report' },
  hostname: {
    kind: 'string',
    default: '',
    usage: 'hostname to report (default $HOSTNAME, else the host name)',
  },
  level: { kind: 'string', default: 'info', usage: `log level: ${PodinfoLevels.join(', ')}` },
  'random-delay': { kind: 'bool', default: false, usage: 'random latency on every application request' },
  'random-delay-unit': { kind: 'string', default: 's', usage: 'random delay unit: s or ms' },
  'random-delay-min': { kind: 'int', default: 0, usage: 'smallest random delay, in units' },
  'random-delay-max': { kind: 'int', default: 5, usage: 'random delay upper bound (exclusive), in units' },
  'random-error': { kind: 'bool', default: false, usage: 'answer a share of requests with 500, 400 or 409' },
  'random-error-rate': {
    kind: 'float',
    default: PodinfoRandomErrorRate,
    usage: 'share of requests --random-error fails, 0 to 1 (setting it enables --random-error)',
  },
  unhealthy: { kind: 'bool', default: false, usage: '/healthz fails until the process restarts' },
  unready: { kind: 'bool', default: false, usage: '/readyz fails until POST /readyz/enable' },
  'ui-color': { kind: 'string', default: '#34577c', usage: 'UI color' },
  'ui-message': {
    kind: 'string',
    default: '',
    usage: 'UI message (default "greetings from podinfo v<version>")',
  },
  'ui-logo': { kind: 'string', default: PodinfoDefaultLogo, usage: 'UI logo URL' },
  'jwt-secret': { kind: 'string', default: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', usage: 'JWT signing key' },
  'http-server-shutdown-timeout': {
    kind: 'duration',
    default: 5_000,
    usage: 'how long in-flight requests may run after the listener closes',
  },
  'shutdown-delay': {
    kind: 'duration',
    default: 3_000,
    usage: 'after SIGTERM, how long to keep serving (unready) before closing the listener',
  },
  'grpc-port': { kind: 'int', default: 0, usage: ignored },
  'grpc-service-name': { kind: 'string', default: 'podinfo', usage: ignored },
  'secure-port': { kind: 'string', default: '0', usage: ignored },
  'cert-path': { kind: 'string', default: '/data/cert', usage: ignored },
  'data-path': { kind: 'string', default: '/data', usage: ignored },
  'config-path': { kind: 'string', default: '', usage: ignored },
  'ui-path': { kind: 'string', default: './ui', usage: ignored },
  'backend-url': { kind: 'string', default: '', usage: ignored },
  'cache-server': { kind: 'string', default: '', usage: ignored },
  'otel-service-name': { kind: 'string', default: '', usage: ignored },
  h2c: { kind: 'bool', default: false, usage: ignored },
  'stress-cpu': { kind: 'int', default: 0, usage: ignored },
  'stress-memory': { kind: 'int', default: 0, usage: ignored },
} as const satisfies FlagSpecs;

export type PodinfoFlagValues = FlagValues<typeof podinfoFlags>;

function port(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw invalidFlagValue('--', name, String(value), 'must be a port number 0-65535');
  }
  return value;
}

/** Checks the parsed flags and turns them into the app's configuration. */
export function podinfoConfig(
  values: PodinfoFlagValues,
  explicit: ReadonlySet<string>,
  env: NodeJS.ProcessEnv,
): { config: PodinfoConfig; level: PodinfoLevel } {
  const level = values.level;
  if (!(PodinfoLevels as readonly string[]).includes(level)) {
    throw invalidFlagValue('--', 'level', level, `must be one of ${PodinfoLevels.join(', ')}`);
  }
  const unit = values['random-delay-unit'];
  if (!(DelayUnits as readonly string[]).includes(unit)) {
    throw invalidFlagValue('--', 'random-delay-unit', unit, `must be one of ${DelayUnits.join(', ')}`);
  }
  const [min, max] = [values['random-delay-min'], values['random-delay-max']];
  if (min < 0) throw invalidFlagValue('--', 'random-delay-min', String(min), 'must be 0 or more');
  if (max <= min) {
    throw invalidFlagValue(
      '--',
      'random-delay-max',
      String(max),
      `must be greater than --random-delay-min (${min})`,
    );
  }
  const rate = values['random-error-rate'];
  if (rate < 0 || rate > 1)
    throw invalidFlagValue('--', 'random-error-rate', String(rate), 'must be between 0 and 1');
  const randomError = values['random-error'] || explicit.has('random-error-rate');
  const metricsPort = port('port-metrics', values['port-metrics']);
  const version = values.version;
  const config: PodinfoConfig = {
    host: values.host,
    port: port('port', values.port),
    ...(metricsPort > 0 ? { metricsPort } : {}),
    version,
    revision: values.revision,
    hostname: values.hostname || env.HOSTNAME || osHostname(),
    ui: {
      color: values['ui-color'],
      message: values['ui-message'] || defaultMessage(version),
      logo: values['ui-logo'],
    },
    ...(values['random-delay']
      ? { randomDelay: { min, max, unit: unit as (typeof DelayUnits)[number] } }
      : {}),
    ...(randomError ? { randomErrorRate: rate } : {}),
    unhealthy: values.unhealthy,
    unready: values.unready,
    jwtSecret: values['jwt-secret'],
    shutdownDelayMs: values['shutdown-delay'],
    shutdownTimeoutMs: values['http-server-shutdown-timeout'],
  };
  return { config, level: level as PodinfoLevel };
}
