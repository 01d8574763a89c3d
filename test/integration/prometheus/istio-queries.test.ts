import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScrapeJobs } from '../../../src/local/prometheus/prometheus-config.js';
import { type RunningPrometheus, startPrometheus } from '../../../src/local/prometheus/start-prometheus.js';
import { builtinQueries } from '../../../src/metrics/builtin-queries.js';
import { PrometheusProvider } from '../../../src/metrics/providers/prometheus-provider.js';
import { renderQuery } from '../../../src/metrics/render-query.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { eventually } from '../../support/eventually.js';
import { canaryWorld, exampleCanary, flaggerVirtualService, routed } from '../mesh/canary-world.js';
import { type MeshEnv, startMeshEnv } from '../mesh/mesh-env.js';
import { instantQuery } from './prometheus-query.js';

/** Flagger's builtin istio query for the canary `podinfo` in `namespace`, rendered as the operator renders it. */
function istioQuery(name: 'request-success-rate' | 'request-duration', namespace: string): string {
  return renderQuery(builtinQueries.istio[name], {
    name: 'podinfo',
    namespace,
    target: 'podinfo',
    service: 'podinfo',
    ingress: 'podinfo',
    route: 'podinfo',
    interval: '1m',
    variables: {},
  });
}

describe('mesh → Prometheus → Flagger’s istio queries, unmodified', () => {
  let env: MeshEnv;
  let dir: string;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    env = await startMeshEnv('127.83');
    dir = mkdtempSync(join(tmpdir(), 'weir-prometheus-chain-'));
    prometheus = await startPrometheus({
      dataDir: dir,
      scrapeTargets: [{ job: ScrapeJobs.mesh, targets: [new URL(env.mesh.metricsUrl).host] }],
      logger: new MemoryLogger(),
    });
  });
  afterAll(async () => {
    await prometheus?.stop();
    await env?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('measures the canary’s request success rate (90% when 1 in 10 requests fails) and its latency', async () => {
    const { namespace: ns } = await canaryWorld(env, 'chain');
    // The analysis routes all traffic to the canary workload `podinfo` (primary 0 / canary 100).
    await env.create(
      flaggerVirtualService(exampleCanary('istio-canary.yaml', ns), {
        primary: 0,
        canary: 100,
        mirrored: false,
      }),
    );
    await routed(env, `http://podinfo.${ns}/`);
    const total = `sum(istio_requests_total{reporter="destination",destination_workload_namespace="${ns}",destination_workload="podinfo"})`;
    /** Sends `count` requests of which every tenth asks the canary for a 500. */
    const traffic = async (count: number) => {
      const urls = Array.from({ length: count }, (_, i) =>
        i % 10 === 9 ? `http://podinfo.${ns}/status/500` : `http://podinfo.${ns}/`,
      );
      const replies = await Promise.all(urls.map((url) => env.send(url)));
      expect(replies.filter((r) => r.status === 500)).toHaveLength(count / 10);
    };
    // Both series (200 and 500) exist and are scraped before the measured traffic starts.
    await traffic(10);
    const base = await eventually(async () => {
      const [sample] = await instantQuery(prometheus.url, total);
      expect(sample?.value).toBeGreaterThanOrEqual(11);
      return sample!.value;
    }, 20_000);

    await traffic(1_000);
    await eventually(async () => {
      expect((await instantQuery(prometheus.url, total))[0]?.value).toBe(base + 1_000);
    }, 20_000);

    const provider = new PrometheusProvider({ address: prometheus.url });
    const successRate = await provider.runQuery(istioQuery('request-success-rate', ns));
    expect(successRate).toBeCloseTo(90, 0);
    const p99 = await provider.runQuery(istioQuery('request-duration', ns));
    expect(p99).toBeGreaterThan(0);
    expect(p99).toBeLessThan(500);
  });
});
