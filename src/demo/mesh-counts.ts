import { setTimeout as delay } from 'node:timers/promises';
import { PrometheusProvider } from '../metrics/providers/prometheus-provider.js';

/** Requests the mesh served to a namespace's workloads, and how many of them failed (5xx), so far. */
export interface MeshCounts {
  total: number;
  failed: number;
}

/**
 * Reads the mesh's request counters from Prometheus (after one more scrape), with the same client the
 * operator uses: what users would see on a dashboard.
 */
export async function meshCounts(prometheusUrl: string, namespace: string): Promise<MeshCounts> {
  await delay(2500);
  const prometheus = new PrometheusProvider({ address: prometheusUrl });
  const selector = `reporter="destination",destination_service_namespace="${namespace}",destination_workload!="flagger-loadtester"`;
  const total = await prometheus.runQuery(`sum(istio_requests_total{${selector}}) or vector(0)`);
  const failed = await prometheus.runQuery(
    `sum(istio_requests_total{${selector},response_code=~"5.."}) or vector(0)`,
  );
  return { total, failed };
}
