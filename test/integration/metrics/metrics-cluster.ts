import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { type Canary, flaggerCrds, parseCanary } from '../../../src/apis/index.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { MetricChecker } from '../../../src/metrics/metric-checks.js';
import { MetricTemplateType, SecretType } from '../../../src/metrics/template-provider.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { eventually } from '../../support/eventually.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { PrometheusStub } from '../../support/prometheus-stub.js';
import { flaggerReference } from '../../support/reference.js';

/** A local API server with Flagger's CRDs, the operator's cache of MetricTemplates and Secrets, and a Prometheus stub. */
export interface MetricsCluster {
  api: TestApi;
  kube: TestKube;
  prometheus: PrometheusStub;
  clock: ManualClock;
  /** Values the checker reported for the `flagger_canary_metric_analysis` gauge. */
  values: [string, number][];
  checker: MetricChecker;
  stop(): Promise<void>;
}

export async function startMetricsCluster(namespaces: string[]): Promise<MetricsCluster> {
  const api = await startTestApi({ inMemory: true });
  const kube = testKube(api.kubeconfig);
  for (const crd of flaggerCrds()) await kube.raw.create(crd as unknown as KubeObject);
  await eventually(async () => {
    const crd = await kube.raw.get<
      KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
    >({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: 'metrictemplates.flagger.app',
    });
    expect(crd?.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
  });
  for (const name of namespaces) {
    await kube.raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  kube.cache.track(MetricTemplateType);
  kube.cache.track(SecretType);
  await kube.cache.synced();
  const prometheus = await PrometheusStub.start();
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const values: [string, number][] = [];
  const checker = new MetricChecker({
    cluster: kube.cache,
    metricsServer: prometheus.url,
    clock,
    onValue: (_canary, metric, value) => values.push([metric, value]),
  });
  return {
    api,
    kube,
    prometheus,
    clock,
    values,
    checker,
    async stop() {
      kube.cache.stop();
      await prometheus.close();
      await api.stop();
    },
  };
}

/** An upstream example Canary (`istio-canary.yaml`, `linkerd-canary.yaml`), validated and typed. */
export function exampleCanary(file: string, change?: (canary: Canary) => void): Canary {
  const parsed = parseCanary(parse(readFileSync(flaggerReference('examples', file), 'utf8')));
  if (!parsed.ok) throw new Error(`invalid example ${file}: ${JSON.stringify(parsed.errors)}`);
  const canary = structuredClone(parsed.canary);
  change?.(canary);
  return canary;
}

/** A Secret with `data` base64-encoded, as the API stores it. */
export function secret(namespace: string, name: string, data: Record<string, string>): KubeObject {
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, data: encoded } as KubeObject;
}

/** A MetricTemplate. */
export function metricTemplate(
  namespace: string,
  name: string,
  spec: { provider: Record<string, unknown>; query: string },
): KubeObject {
  return { ...MetricTemplateType, metadata: { name, namespace }, spec } as KubeObject;
}
