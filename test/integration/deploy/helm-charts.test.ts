import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/config.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { find, helmOffline, objects, operatorArgs, template } from './chart-render.js';
import { repoPath } from './install-world.js';

type Rules = KubeObject & { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] };

/** Every value of charts/weir set, as a Flagger user's values file might. */
const everyValue = [
  '--namespace=istio-system',
  '--set=meshProvider=smi:istio',
  '--set=metricsServer=http://prometheus.istio-system:9090',
  '--set=namespace=test',
  '--set=selectorLabels=app\\,name',
  '--set=includeLabelPrefix=app.kubernetes.io\\,team',
  '--set=eventWebhook=http://events.test/',
  '--set=clusterName=prod-eu',
  '--set=logLevel=warn',
  '--set=controlLoopInterval=5s',
  '--set=noCrossNamespaceRefs=true',
  '--set=configTracking.enabled=false',
  '--set=threadiness=4',
  '--set=slack.url=https://hooks.slack.com/services/x',
  '--set=slack.channel=releases',
  '--set=slack.user=weir',
  '--set=msteams.url=https://outlook.office.com/webhook/y',
  '--set=leaderElection.enabled=true',
  '--set=leaderElection.replicaCount=2',
  '--set=podMonitor.enabled=true',
  '--set=serviceMonitor.enabled=true',
  '--set=podDisruptionBudget.enabled=true',
  '--set=image.repository=registry.example.com/weir',
  '--set=image.tag=1.2.3',
  '--set=extraArgs[0]=-min-analysis-interval=5s',
];

describe('helm lint', () => {
  it.each(['weir', 'loadtester', 'grafana'])('charts/%s is clean (--strict)', async (chart) => {
    const output = await helmOffline(['lint', '--strict', repoPath('charts', chart)]);
    expect(output).toContain('0 chart(s) failed');
    expect(output).not.toMatch(/\[(WARNING|ERROR)\]/);
  });
});

describe('charts/weir', () => {
  it('renders the guide’s install (--namespace=istio-system --set meshProvider=smi:istio) as snapshotted', async () => {
    const rendered = await template('weir', 'weir', [
      '--namespace=istio-system',
      '--set',
      'meshProvider=smi:istio',
    ]);
    await expect(rendered).toMatchFileSnapshot('__snapshots__/weir-smi-istio.yaml.snap');
    expect(operatorArgs(objects(rendered))).toEqual([
      '-log-level=info',
      '-mesh-provider=smi:istio',
      '-metrics-server=http://prometheus:9090',
    ]);
  });

  it('renders every value with Flagger’s flag names, and the operator accepts them all', async () => {
    const rendered = await template('weir', 'weir', everyValue);
    await expect(rendered).toMatchFileSnapshot('__snapshots__/weir-every-value.yaml.snap');
    const list = objects(rendered);
    const config = loadConfig(operatorArgs(list), {});
    expect(config).toMatchObject({
      meshProvider: 'smi:istio',
      metricsServer: 'http://prometheus.istio-system:9090',
      namespace: 'test',
      selectorLabels: ['app', 'name'],
      includeLabelPrefix: ['app.kubernetes.io', 'team'],
      eventWebhook: 'http://events.test/',
      clusterName: 'prod-eu',
      logLevel: 'warn',
      controlLoopIntervalMs: 5000,
      noCrossNamespaceRefs: true,
      enableConfigTracking: false,
      slack: { url: 'https://hooks.slack.com/services/x', channel: 'releases', user: 'weir' },
      msteams: { url: 'https://outlook.office.com/webhook/y' },
      leaderElection: { enabled: true, namespace: 'test' },
      minAnalysisIntervalMs: 5000,
    });
    // -namespace moves the leader-election Lease there (as in Flagger), so the Role goes there too.
    expect(find(list, 'Role').metadata.namespace).toBe('test');
    expect(find(list, 'RoleBinding').metadata.namespace).toBe('test');
    const deployment = find<KubeObject & { spec: Record<string, unknown> }>(list, 'Deployment');
    expect(deployment.spec.replicas).toBe(2);
    // With leader election several replicas may overlap during a rollout; without it they must not.
    expect(deployment.spec.strategy).toBeUndefined();
    expect(JSON.stringify(deployment)).toContain('"image":"registry.example.com/weir:1.2.3"');
    expect(list.map((o) => o.kind).sort()).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'Deployment',
      'PodDisruptionBudget',
      'PodMonitor',
      'Role',
      'RoleBinding',
      'Service',
      'ServiceAccount',
      'ServiceMonitor',
    ]);
  });

  it('grants exactly the rules of deploy/rbac/rbac.yaml, to its own ServiceAccount in the release namespace', async () => {
    const list = objects(await template('weir', 'flagger', ['--namespace=ops']));
    const source = readFileSync(repoPath('deploy', 'rbac', 'rbac.yaml'), 'utf8')
      .split(/^---.*$/m)
      .map((doc) => parse(doc) as Rules | null)
      .filter((doc): doc is Rules => doc !== null);
    const rulesOf = (kind: string) => source.filter((d) => d.kind === kind).flatMap((d) => d.rules);
    expect(find<Rules>(list, 'ClusterRole', 'flagger-weir').rules).toEqual(rulesOf('ClusterRole'));
    expect(find<Rules>(list, 'Role', 'flagger-weir').rules).toEqual(rulesOf('Role'));
    for (const kind of ['ClusterRoleBinding', 'RoleBinding'])
      expect(find<KubeObject & { subjects: unknown[] }>(list, kind).subjects).toEqual([
        { kind: 'ServiceAccount', name: 'flagger-weir', namespace: 'ops' },
      ]);
    expect(find(list, 'ServiceAccount').metadata).toMatchObject({ name: 'flagger-weir', namespace: 'ops' });
    expect(objects(await template('weir', 'weir', ['--set=rbac.create=false'])).map((o) => o.kind)).toEqual([
      'ServiceAccount',
      'Deployment',
    ]);
  });

  it('keeps Flagger’s value names', () => {
    const values = parse(readFileSync(repoPath('charts', 'weir', 'values.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    const paths = [
      'meshProvider',
      'metricsServer',
      'slack.url',
      'slack.channel',
      'slack.user',
      'msteams.url',
      'leaderElection.enabled',
      'leaderElection.replicaCount',
      'selectorLabels',
      'namespace',
      'podMonitor.enabled',
      'serviceMonitor.enabled',
      'resources.limits',
      'securityContext.enabled',
      'securityContext.context',
      'image.repository',
      'image.tag',
      'image.pullPolicy',
      'eventWebhook',
      'clusterName',
      'includeLabelPrefix',
      'logLevel',
    ];
    const missing = paths.filter(
      (path) =>
        path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values) ===
        undefined,
    );
    expect(missing).toEqual([]);
  });
});

describe('charts/loadtester', () => {
  it('renders Flagger’s load tester as flagger-loadtester (http://flagger-loadtester.test/), as snapshotted', async () => {
    const rendered = await template('loadtester', 'flagger-loadtester', [
      '--namespace=test',
      '--set=cmd.timeout=30m',
      '--set=cmd.namespaceRegexp=^test$',
      '--set=service.port=8080',
    ]);
    await expect(rendered).toMatchFileSnapshot('__snapshots__/loadtester.yaml.snap');
    const list = objects(rendered);
    const service = find<KubeObject & { spec: { ports: { port: number }[] } }>(
      list,
      'Service',
      'flagger-loadtester',
    );
    expect(service.spec.ports[0]?.port).toBe(8080);
    const deployment = find<
      KubeObject & { spec: { template: { spec: { containers: { command: string[] }[] } } } }
    >(list, 'Deployment');
    expect(deployment.spec.template.spec.containers[0]?.command).toEqual([
      './loadtester',
      '-port=8080',
      '-log-level=info',
      '-timeout=30m',
      '-namespace-regexp=^test$',
    ]);
  });
});

describe('charts/grafana', () => {
  it('holds the dashboard in a grafana_dashboard ConfigMap and points the data source at `url`', async () => {
    const list = objects(
      await template('grafana', 'flagger-grafana', [
        '--namespace=istio-system',
        '--set=url=http://prometheus.istio-system:9090',
      ]),
    );
    const dashboards = find<KubeObject & { data: Record<string, string> }>(
      list,
      'ConfigMap',
      'flagger-grafana-dashboards',
    );
    expect(dashboards.metadata.labels?.grafana_dashboard).toBe('1');
    expect(JSON.parse(dashboards.data['weir-canary.json'] ?? '')).toEqual(
      JSON.parse(readFileSync(repoPath('deploy', 'grafana', 'weir-canary.json'), 'utf8')),
    );
    const datasources = find<KubeObject & { data: Record<string, string> }>(
      list,
      'ConfigMap',
      'flagger-grafana-datasources',
    );
    expect(datasources.metadata.labels?.grafana_datasource).toBe('1');
    expect(parse(datasources.data['datasources.yaml'] ?? '')).toMatchObject({
      datasources: [{ type: 'prometheus', url: 'http://prometheus.istio-system:9090', isDefault: true }],
    });
    // The guide's `kubectl -n istio-system port-forward svc/flagger-grafana 3000:80`.
    const service = find<KubeObject & { spec: { ports: { port: number }[] } }>(
      list,
      'Service',
      'flagger-grafana',
    );
    expect(service.spec.ports[0]?.port).toBe(80);
    const sidecarOnly = objects(await template('grafana', 'dash', ['--set=server.enabled=false']));
    expect(sidecarOnly.map((o) => o.kind)).toEqual(['ConfigMap', 'ConfigMap']);
  });
});
