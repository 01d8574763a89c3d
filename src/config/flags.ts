/** How a flag's text becomes a value. */
export type FlagType = 'string' | 'int' | 'bool' | 'duration' | 'list';

/** One command-line flag: Flagger's name, its default and environment equivalents. */
export interface FlagDefinition {
  name: string;
  type: FlagType;
  default: string;
  description: string;
  /** Environment variables that override the flag (Flagger's own, e.g. SLACK_URL). */
  overridingEnv?: readonly string[];
}

/**
 * Every flag `weir operator` accepts. Names and defaults are Flagger's (§7.2 of the behaviour reference);
 * the ones marked Weir are additions. Each flag can also be set as `WEIR_<NAME>` (upper case, `-` → `_`),
 * which a flag on the command line overrides.
 */
export const flagDefinitions = [
  {
    name: 'kubeconfig',
    type: 'string',
    default: '',
    description: 'path to a kubeconfig; in-cluster config when empty',
  },
  {
    name: 'kubeconfig-qps',
    type: 'int',
    default: '100',
    description: 'accepted for compatibility (Weir reads from caches)',
  },
  { name: 'kubeconfig-burst', type: 'int', default: '250', description: 'accepted for compatibility' },
  { name: 'master', type: 'string', default: '', description: 'API server URL, overrides the kubeconfig' },
  {
    name: 'metrics-server',
    type: 'string',
    default: 'http://prometheus:9090',
    description: 'Prometheus URL for builtin metrics',
  },
  {
    name: 'control-loop-interval',
    type: 'duration',
    default: '10s',
    description: 'how often canary timers are reconciled',
  },
  { name: 'log-level', type: 'string', default: 'debug', description: 'debug, info, warn or error' },
  { name: 'port', type: 'int', default: '8080', description: 'port of /metrics, /healthz and /readyz' },
  {
    name: 'slack-url',
    type: 'string',
    default: '',
    description: 'Slack incoming webhook URL',
    overridingEnv: ['SLACK_URL'],
  },
  {
    name: 'slack-token',
    type: 'string',
    default: '',
    description: 'Slack bot token',
    overridingEnv: ['SLACK_TOKEN'],
  },
  {
    name: 'slack-proxy-url',
    type: 'string',
    default: '',
    description: 'proxy for Slack',
    overridingEnv: ['SLACK_PROXY_URL'],
  },
  { name: 'slack-user', type: 'string', default: 'flagger', description: 'Slack user name' },
  { name: 'slack-channel', type: 'string', default: '', description: 'Slack channel' },
  {
    name: 'event-webhook',
    type: 'string',
    default: '',
    description: 'URL receiving every event',
    overridingEnv: ['EVENT_WEBHOOK_URL'],
  },
  {
    name: 'msteams-url',
    type: 'string',
    default: '',
    description: 'MS Teams incoming webhook URL',
    overridingEnv: ['MSTEAMS_URL'],
  },
  {
    name: 'msteams-proxy-url',
    type: 'string',
    default: '',
    description: 'proxy for MS Teams',
    overridingEnv: ['MSTEAMS_PROXY_URL'],
  },
  {
    name: 'include-label-prefix',
    type: 'list',
    default: '',
    description: 'label/annotation prefixes copied to primary objects; * for all',
  },
  { name: 'threadiness', type: 'int', default: '2', description: 'accepted for compatibility' },
  { name: 'zap-replace-globals', type: 'bool', default: 'false', description: 'accepted for compatibility' },
  {
    name: 'zap-encoding',
    type: 'string',
    default: 'json',
    description: 'log encoding; only json is supported',
  },
  { name: 'namespace', type: 'string', default: '', description: 'watch only this namespace' },
  {
    name: 'mesh-provider',
    type: 'string',
    default: 'istio',
    description: 'default provider of canaries without spec.provider',
  },
  {
    name: 'selector-labels',
    type: 'list',
    default: 'app,name,app.kubernetes.io/name',
    description: 'selector label keys, in order of preference',
  },
  {
    name: 'ingress-annotations-prefix',
    type: 'string',
    default: 'nginx.ingress.kubernetes.io',
    description: 'accepted for compatibility',
  },
  { name: 'ingress-class', type: 'string', default: '', description: 'accepted for compatibility' },
  {
    name: 'enable-leader-election',
    type: 'bool',
    default: 'false',
    description: 'run only while holding the leader Lease',
  },
  {
    name: 'leader-election-namespace',
    type: 'string',
    default: 'kube-system',
    description: 'namespace of the leader Lease',
  },
  {
    name: 'enable-config-tracking',
    type: 'bool',
    default: 'true',
    description: 'ConfigMap/Secret changes start a canary run',
  },
  { name: 'version', type: 'bool', default: 'false', description: 'print the version and exit' },
  {
    name: 'kubeconfig-service-mesh',
    type: 'string',
    default: '',
    description: 'kubeconfig of the mesh control plane (default: -kubeconfig)',
  },
  { name: 'cluster-name', type: 'string', default: '', description: 'cluster name added to alerts' },
  {
    name: 'no-cross-namespace-refs',
    type: 'bool',
    default: 'false',
    description: 'forbid references to other namespaces',
  },
  // Weir additions
  {
    name: 'host',
    type: 'string',
    default: '',
    description: 'Weir: address /metrics, /healthz and /readyz listen on; all interfaces when empty',
  },
  {
    name: 'leader-election-lease-name',
    type: 'string',
    default: 'flagger-leader-election',
    description: 'Weir: name of the leader Lease',
  },
  {
    name: 'leader-election-lease-duration',
    type: 'duration',
    default: '60s',
    description: 'Weir: how long a lease is valid',
  },
  {
    name: 'leader-election-renew-deadline',
    type: 'duration',
    default: '15s',
    description: 'Weir: the leader gives up when it cannot renew for this long',
  },
  {
    name: 'leader-election-retry-period',
    type: 'duration',
    default: '5s',
    description: 'Weir: how often candidates try and the leader renews',
  },
  {
    name: 'min-analysis-interval',
    type: 'duration',
    default: '10s',
    description: 'Weir: shortest analysis interval (lower it for local runs)',
  },
  {
    name: 'max-concurrent-ticks',
    type: 'int',
    default: '16',
    description: 'Weir: canaries analysed at the same time',
  },
] as const satisfies readonly FlagDefinition[];

/** A flag's name. */
export type FlagName = (typeof flagDefinitions)[number]['name'];
