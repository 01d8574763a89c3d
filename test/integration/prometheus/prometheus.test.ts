import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { PrometheusError } from '../../../src/local/prometheus/prometheus-errors.js';
import { type RunningPrometheus, startPrometheus } from '../../../src/local/prometheus/start-prometheus.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { eventually } from '../../support/eventually.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { type Exporter, instantQuery, startExporter } from './prometheus-query.js';

describe('playground Prometheus (the real binary)', () => {
  let dir: string;
  let api: TestApi;
  let kube: TestKube;
  let exporter: Exporter;
  let podExporter: Exporter;
  let prometheus: RunningPrometheus | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weir-prometheus-'));
    api = await startTestApi({ inMemory: true });
    kube = testKube(api.kubeconfig);
    exporter = await startExporter('127.0.0.1', 'static');
    podExporter = await startExporter('127.82.0.7', 'pod');
  });
  afterAll(async () => {
    await prometheus?.stop();
    kube?.cache.stop();
    await exporter?.close();
    await podExporter?.close();
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says how to install Prometheus when the binary is missing', async () => {
    const error = await startPrometheus({
      dataDir: join(dir, 'missing'),
      binary: 'weir-no-such-prometheus',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error).toMatchObject({ code: 'not-installed' });
    expect((error as Error).message).toContain('apt-get install -y --no-install-recommends prometheus');
  });

  it('scrapes a static job every second and answers queries', async () => {
    prometheus = await startPrometheus({
      dataDir: join(dir, 'prom'),
      scrapeTargets: [{ job: 'exporter', targets: [exporter.address] }],
      pods: { cache: kube.cache },
      logger: new MemoryLogger(),
    });
    expect(prometheus.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(readFileSync(prometheus.configFile, 'utf8')).toContain('scrape_interval: 1s');
    const samples = await eventually(async () => {
      const result = await instantQuery(prometheus!.url, 'weir_test_ticks_total{job="exporter"}');
      expect(result).toHaveLength(1);
      return result;
    }, 20_000);
    expect(samples[0]).toMatchObject({ metric: { source: 'static', instance: exporter.address }, value: 3 });
    // A change is visible at the next scrape, a second later.
    exporter.ticks.inc({ source: 'static' }, 4);
    await eventually(async () => {
      expect((await instantQuery(prometheus!.url, 'weir_test_ticks_total{job="exporter"}'))[0]?.value).toBe(
        7,
      );
    }, 10_000);
  });

  it('discovers pods annotated prometheus.io/scrape through the API server, with their labels', async () => {
    const ns = 'scraped';
    await kube.raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const [host, port] = podExporter.address.split(':');
    const pod = await kube.raw.create<KubeObject>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'podinfo-7d9c5b8f4-x1',
        namespace: ns,
        labels: { app: 'podinfo', 'app.kubernetes.io/version': '6.0.0' },
        annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': port! },
      },
      spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' }] },
    } as KubeObject);
    await kube.raw.replaceStatus({ ...pod, status: { phase: 'Running', podIP: host } } as KubeObject);
    const samples = await eventually(async () => {
      const result = await instantQuery(prometheus!.url, 'weir_test_ticks_total{job="kubernetes-pods"}');
      expect(result).toHaveLength(1);
      return result;
    }, 20_000);
    expect(samples[0]!.metric).toMatchObject({
      source: 'pod',
      namespace: ns,
      pod: 'podinfo-7d9c5b8f4-x1',
      kubernetes_namespace: ns,
      kubernetes_pod_name: 'podinfo-7d9c5b8f4-x1',
      app: 'podinfo',
      app_kubernetes_io_version: '6.0.0',
      instance: podExporter.address,
    });
    // The pod goes away: Prometheus drops the target.
    await kube.raw.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns, name: 'podinfo-7d9c5b8f4-x1' });
    await eventually(async () => {
      expect(await instantQuery(prometheus!.url, 'up{job="kubernetes-pods"}')).toEqual([]);
    }, 20_000);
  });

  it('reloads with new jobs, and refuses an invalid job before Prometheus sees it', async () => {
    await prometheus!.reload({ scrapeTargets: [{ job: 'renamed', targets: [exporter.address] }] });
    await eventually(async () => {
      expect(await instantQuery(prometheus!.url, 'up{job="renamed"}')).toHaveLength(1);
    }, 20_000);
    await expect(prometheus!.reload({ scrapeTargets: [{ job: 'bad job', targets: ['x'] }] })).rejects.toThrow(
      /scrape job name "bad job"/,
    );
  });

  it('stops cleanly and resumes its data on the next start', async () => {
    const url = prometheus!.url;
    await prometheus!.stop();
    await expect(fetch(`${url}/-/ready`)).rejects.toThrow();
    prometheus = await startPrometheus({ dataDir: join(dir, 'prom'), logger: new MemoryLogger() });
    // Samples scraped by the previous run are still there (queried back within the lookback window).
    const old = await instantQuery(
      prometheus.url,
      'max_over_time(weir_test_ticks_total{job="exporter"}[10m])',
    );
    expect(old[0]?.value).toBe(7);
  });
});
