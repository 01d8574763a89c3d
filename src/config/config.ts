import { type LogLevel, LogLevels } from '../platform/logger.js';
import { parseProvider, UnknownProviderError } from '../routers/providers.js';
import type { FlagName } from './flags.js';
import { ConfigError, type FlagValue, parseFlags } from './parse-flags.js';

/** The operator's configuration, parsed once at start and frozen. */
export interface Config {
  kubeconfig: string;
  master: string;
  metricsServer: string;
  controlLoopIntervalMs: number;
  logLevel: LogLevel;
  port: number;
  /** Address the ops endpoints listen on; all interfaces when empty. */
  host: string;
  slack: { url: string; token: string; proxyUrl: string; user: string; channel: string };
  eventWebhook: string;
  msteams: { url: string; proxyUrl: string };
  includeLabelPrefix: string[];
  namespace: string;
  meshProvider: string;
  selectorLabels: string[];
  leaderElection: {
    enabled: boolean;
    namespace: string;
    leaseName: string;
    leaseDurationMs: number;
    renewDeadlineMs: number;
    retryPeriodMs: number;
  };
  enableConfigTracking: boolean;
  version: boolean;
  kubeconfigServiceMesh: string;
  clusterName: string;
  noCrossNamespaceRefs: boolean;
  minAnalysisIntervalMs: number;
  maxConcurrentTicks: number;
}

/** Parses `weir operator` flags and environment into a frozen {@link Config}; every problem is reported at once. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const values = parseFlags(argv, env);
  const str = (name: FlagName) => values.get(name) as string;
  const num = (name: FlagName) => values.get(name) as number;
  const bool = (name: FlagName) => values.get(name) as boolean;
  const list = (name: FlagName) => values.get(name) as string[];
  const problems: string[] = [];
  const logLevel = str('log-level');
  if (!(LogLevels as readonly string[]).includes(logLevel)) {
    problems.push(`-log-level: "${logLevel}" is not one of ${LogLevels.join(', ')}`);
  }
  try {
    parseProvider(str('mesh-provider'));
  } catch (error) {
    if (error instanceof UnknownProviderError) problems.push(`-mesh-provider: ${error.message}`);
    else throw error;
  }
  if (str('zap-encoding') !== 'json')
    problems.push(`-zap-encoding: "${str('zap-encoding')}" is not supported (only json)`);
  const port = num('port');
  if (port < 0 || port > 65535) problems.push(`-port: ${port} is not a port number (0–65535)`);
  if (num('max-concurrent-ticks') < 1) problems.push('-max-concurrent-ticks: must be at least 1');
  if (problems.length > 0) throw new ConfigError(problems);
  const namespace = str('namespace');
  const config: Config = {
    kubeconfig: str('kubeconfig'),
    master: str('master'),
    metricsServer: str('metrics-server'),
    controlLoopIntervalMs: num('control-loop-interval'),
    logLevel: logLevel as LogLevel,
    port,
    host: str('host'),
    slack: {
      url: str('slack-url'),
      token: str('slack-token'),
      proxyUrl: str('slack-proxy-url'),
      user: str('slack-user'),
      channel: str('slack-channel'),
    },
    eventWebhook: str('event-webhook'),
    msteams: { url: str('msteams-url'), proxyUrl: str('msteams-proxy-url') },
    includeLabelPrefix: list('include-label-prefix'),
    namespace,
    meshProvider: str('mesh-provider'),
    selectorLabels: list('selector-labels'),
    leaderElection: {
      enabled: bool('enable-leader-election'),
      // As in Flagger, -namespace also decides where the lease lives.
      namespace: namespace || str('leader-election-namespace'),
      leaseName: str('leader-election-lease-name'),
      leaseDurationMs: num('leader-election-lease-duration'),
      renewDeadlineMs: num('leader-election-renew-deadline'),
      retryPeriodMs: num('leader-election-retry-period'),
    },
    enableConfigTracking: bool('enable-config-tracking'),
    version: bool('version'),
    kubeconfigServiceMesh: str('kubeconfig-service-mesh'),
    clusterName: str('cluster-name'),
    noCrossNamespaceRefs: bool('no-cross-namespace-refs'),
    minAnalysisIntervalMs: num('min-analysis-interval'),
    maxConcurrentTicks: num('max-concurrent-ticks'),
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export type { FlagValue };
