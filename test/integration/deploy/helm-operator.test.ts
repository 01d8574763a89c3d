import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Canary } from '../../../src/apis/index.js';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import type { Pod } from '../../../src/kube/api/core-v1.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { ScrapeJobs } from '../../../src/local/prometheus/prometheus-config.js';
import { eventually } from '../../support/eventually.js';
import { canaryType } from '../../support/operator-harness.js';
import { instantQuery } from '../prometheus/prometheus-query.js';
import { dashboardQueries, readDashboard } from './dashboard-queries.js';
import { type InstallWorld, repoPath, startInstallWorld } from './install-world.js';

/**
 * The guide's install, for real: `helm install` of charts/weir into a cluster on this machine, the kubelet
 * running the chart's operator image as `weir operator`, which then initializes the guide's Canary; `helm
 * upgrade` to another mesh provider; and the Grafana dashboard's PromQL against the Prometheus that scrapes
 * that cluster.
 */
let world: InstallWorld;
const token = 'weir-test-token';

const operatorPods = async (): Promise<Pod[]> =>
  (await world.raw.list<Pod>({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'istio-system' })).items.filter(
    (pod) => pod.metadata.labels?.['app.kubernetes.io/name'] === 'weir' && !pod.metadata.deletionTimestamp,
  );

/** The one operator pod, once it runs with `provider` and answers /healthz on its own address. */
async function runningOperator(provider: string): Promise<Pod> {
  return eventually(
    async () => {
      const pods = await operatorPods();
      expect(pods).toHaveLength(1);
      const [pod] = pods as [Pod];
      expect(pod.spec.containers[0]?.args).toContain(`-mesh-provider=${provider}`);
      expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      const health = await fetch(`http://${pod.status?.podIP}:8080/healthz`);
      expect(await health.text()).toBe('OK');
      return pod;
    },
    { timeoutMs: 90_000, intervalMs: 250 },
  );
}

/** GET through the mesh's proxy, as `curl -x` does; answers the status. */
function viaMesh(url: string): Promise<number> {
  const proxy = new URL(world.mesh.proxyUrl);
  return new Promise((resolve, reject) => {
    const req = request({
      host: proxy.hostname,
      port: proxy.port,
      path: url,
      headers: { host: new URL(url).host },
    });
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end();
  });
}

const canary = async () => world.raw.get<Canary>({ ...canaryType, namespace: 'test', name: 'podinfo' });

beforeAll(async () => {
  world = await startInstallWorld();
  await world.raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
  // A token Secret for the chart's ServiceAccount, as a cluster's token controller would fill it.
  await world.raw.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'weir-token',
      namespace: 'istio-system',
      annotations: { 'kubernetes.io/service-account.name': 'weir' },
    },
    type: 'kubernetes.io/service-account-token',
    data: { token: Buffer.from(token).toString('base64') },
  } as KubeObject);
}, 120_000);
afterAll(async () => {
  await world?.stop();
}, 60_000);

describe('helm install charts/weir (the guide: --namespace=istio-system --set meshProvider=smi:istio)', () => {
  it('runs the operator, which initializes the guide’s Canary through an SMI TrafficSplit', async () => {
    await world.helm.ok([
      'install',
      'weir',
      repoPath('charts', 'weir'),
      '--namespace=istio-system',
      '--set',
      'meshProvider=smi:istio',
      '--set',
      `metricsServer=${world.prometheus.url}`,
      '--set',
      'extraArgs[0]=-min-analysis-interval=1s',
    ]);
    const crd = await world.api.kubectl.json<KubeObject>(['get', 'crd', 'canaries.flagger.app']);
    expect(crd.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');

    const pod = await runningOperator('smi:istio');
    expect(pod.spec.serviceAccountName).toBe('weir');
    // The kubelet's stand-in for in-cluster configuration: the API server, the ServiceAccount's token.
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(join(world.podFiles(pod), 'kubeconfig'));
    expect(kubeConfig.getCurrentCluster()?.server).toBe(world.api.server.url);
    expect(kubeConfig.getCurrentUser()?.token).toBe(token);
    expect(kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace).toBe('istio-system');

    await world.api.kubectl.ok(['create', 'ns', 'test']);
    // The guide's podinfo and Canary, lighter: this test is about the install, so one replica and no
    // autoscaler (fewer processes), and a 1s tick.
    await world.api.kubectl.ok([
      'apply',
      '-n',
      'test',
      '-f',
      repoPath('examples', 'podinfo', 'deployment.yaml'),
    ]);
    await world.api.kubectl.ok(['-n', 'test', 'scale', 'deployment/podinfo', '--replicas=1']);
    const guideCanary = parse(
      readFileSync(repoPath('examples', 'canary', 'podinfo-canary.yaml'), 'utf8'),
    ) as Canary;
    delete guideCanary.spec.autoscalerRef;
    guideCanary.spec.analysis.interval = '1s';
    await world.api.kubectl.ok(['apply', '-f', '-'], JSON.stringify(guideCanary));
    await eventually(async () => expect((await canary())?.status?.phase).toBe('Initialized'), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const split = await world.raw.get<KubeObject & { spec: { backends: unknown[] } }>({
      apiVersion: 'split.smi-spec.io/v1alpha1',
      kind: 'TrafficSplit',
      namespace: 'test',
      name: 'podinfo',
    });
    expect(split?.spec.backends).toEqual([
      { service: 'podinfo-canary', weight: '0' },
      { service: 'podinfo-primary', weight: '100' },
    ]);
    expect(world.containerMessages(pod, 'weir')).toContain('Initialization done! podinfo.test');
  }, 180_000);

  it('helm upgrade --set meshProvider=istio replaces the operator, which then routes with Istio', async () => {
    await world.helm.ok([
      'upgrade',
      'weir',
      repoPath('charts', 'weir'),
      '--namespace=istio-system',
      '--reuse-values',
      '--set',
      'meshProvider=istio',
    ]);
    const deployment = await world.raw.get<Deployment>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'istio-system',
      name: 'weir',
    });
    expect(deployment?.spec.template.spec.containers[0]?.args).toEqual([
      '-log-level=info',
      '-mesh-provider=istio',
      `-metrics-server=${world.prometheus.url}`,
      '-min-analysis-interval=1s',
    ]);
    await runningOperator('istio');
    const virtualService = await eventually(
      async () => {
        const found = await world.raw.get<KubeObject & { spec: { hosts: string[] } }>({
          apiVersion: 'networking.istio.io/v1beta1',
          kind: 'VirtualService',
          namespace: 'test',
          name: 'podinfo',
        });
        expect(found).toBeDefined();
        return found!;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    expect(virtualService.spec.hosts).toContain('podinfo');
    const history = JSON.parse(
      await world.helm.ok(['history', 'weir', '--namespace=istio-system', '-o', 'json']),
    ) as { revision: number; status: string }[];
    expect(history.map((h) => [h.revision, h.status])).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
  }, 180_000);
});

describe('deploy/grafana/weir-canary.json against the Prometheus of this cluster', () => {
  it('runs every PromQL expression (panels and variables) without error, with data where there is traffic', async () => {
    const [pod] = await operatorPods();
    // As a PodMonitor with honorLabels would: the operator's own `namespace` label stays on its series.
    await world.prometheus.reload({
      scrapeTargets: [
        { job: ScrapeJobs.mesh, targets: [new URL(world.mesh.metricsUrl).host] },
        { job: ScrapeJobs.operator, targets: [`${pod?.status?.podIP}:8080`] },
      ],
    });
    const values = { namespace: 'test', primary: 'podinfo-primary', canary: 'podinfo', __range: '1h' };
    const queries = dashboardQueries(readDashboard(), values);
    expect(queries.length).toBeGreaterThanOrEqual(15);
    const byRaw = (part: string) => queries.find((q) => q.raw.includes(part))!.promql;
    await eventually(
      async () => {
        // Traffic through the mesh to the primary (all of it, the canary is scaled to zero).
        expect(await viaMesh('http://podinfo.test:9898/')).toBe(200);
        expect(await instantQuery(world.prometheus.url, byRaw('flagger_canary_status'))).toEqual([
          expect.objectContaining({ value: 1 }),
        ]);
        const volume = queries.find((q) => q.source.startsWith('panel "Request volume"'))!.promql;
        expect((await instantQuery(world.prometheus.url, volume)).length).toBe(1);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const failures: string[] = [];
    for (const query of queries) {
      await instantQuery(world.prometheus.url, query.promql).catch((error: unknown) =>
        failures.push(`${query.source}: ${String(error)}`),
      );
    }
    expect(failures).toEqual([]);
    expect(readFileSync(repoPath('deploy', 'grafana', 'weir-canary.json'), 'utf8')).toContain(
      'flagger-istio',
    );
  }, 180_000);
});
