import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Canary } from '../../src/apis/index.js';
import type { Deployment } from '../../src/kube/api/apps-v1.js';
import type { KubeClient } from '../../src/kube/kube-client.js';
import { installCrds } from './crds.js';
import { testKube } from './kube.js';
import { startTestApi, type TestApi } from './local-api.js';
import { canaryType } from './operator-harness.js';
import { PrometheusStub } from './prometheus-stub.js';
import { flaggerReference } from './reference.js';
import { DeploymentStatusWriter } from './status-writer.js';

/**
 * A world for operators running on real timers (`startOperator`): the local API server with the CRDs,
 * namespace `test` with the upstream podinfo Deployment, a Prometheus-API stand-in answering passing
 * values, and the event-driven {@link DeploymentStatusWriter} playing kubelet.
 */
export class LiveWorld {
  private constructor(
    readonly api: TestApi,
    readonly raw: KubeClient,
    readonly prometheus: PrometheusStub,
    readonly kubelet: DeploymentStatusWriter,
  ) {}

  static async start(): Promise<LiveWorld> {
    const api = await startTestApi({ inMemory: true });
    const { raw } = testKube(api.kubeconfig);
    await installCrds(raw);
    await raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'test' } });
    const prometheus = await PrometheusStub.start();
    prometheus.answer(/istio_requests_total/, 99.5).answer(/istio_request_duration_milliseconds_bucket/, 120);
    const kubelet = new DeploymentStatusWriter(api.kubeconfig, 'test');
    await kubelet.start();
    const deployment = parse(
      readFileSync(flaggerReference('kustomize-podinfo', 'deployment.yaml'), 'utf8'),
    ) as Deployment;
    await raw.create({ ...deployment, metadata: { ...deployment.metadata, namespace: 'test' } });
    return new LiveWorld(api, raw, prometheus, kubelet);
  }

  /** `weir operator` flags for this world, plus `extra`. */
  flags(...extra: string[]): string[] {
    return [
      `-kubeconfig=${this.api.kubeconfig}`,
      `-metrics-server=${this.prometheus.url}`,
      '-mesh-provider=istio',
      '-port=0',
      '-log-level=info',
      ...extra,
    ];
  }

  /** The canary as the API server has it. */
  async canary(): Promise<Canary> {
    const canary = await this.raw.get<Canary>({ ...canaryType, namespace: 'test', name: 'podinfo' });
    if (!canary) throw new Error('canary podinfo.test not found');
    return canary;
  }

  /** `kubectl set image deployment/podinfo podinfod=<image>`. */
  async setImage(image: string): Promise<void> {
    await this.raw.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'test', name: 'podinfo' },
      { spec: { template: { spec: { containers: [{ name: 'podinfod', image }] } } } },
      'application/strategic-merge-patch+json',
    );
  }

  async stop(): Promise<void> {
    await this.kubelet.stop();
    await this.prometheus.close();
    await this.api.stop();
  }
}
