import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { seededRandom } from '../../../src/local/mesh/balancing.js';
import { istioDurationBuckets } from '../../../src/local/mesh/mesh-telemetry.js';
import { virtualServiceSpec } from '../../../src/routers/istio/virtual-service-spec.js';
import { eventually } from '../../support/eventually.js';
import { sumOf } from '../../support/prometheus-text.js';
import {
  canaryWorld,
  exampleCanary,
  flaggerVirtualService,
  metricsWhere,
  requestsOf,
  routed,
} from './canary-world.js';
import { countByWorkload, type MeshEnv, type Reply, startMeshEnv } from './mesh-env.js';

const requests = 10_000;

/** Share of `replies` answered by `workload`, in percent. */
function percentOf(replies: readonly Reply[], workload: string): number {
  return ((countByWorkload(replies)[workload] ?? 0) / replies.length) * 100;
}

describe('mesh: traffic splitting (10,000 requests each)', () => {
  let env: MeshEnv;
  beforeAll(async () => {
    env = await startMeshEnv('127.79');
  });
  afterAll(async () => {
    await env?.stop();
  });

  it.each([
    ['90/10, seeded', 90, 10, 42],
    ['50/50, seeded', 50, 50, 7],
    ['90/10, unseeded', 90, 10, undefined],
    ['50/50, unseeded', 50, 50, undefined],
  ])(
    'splits a Flagger VirtualService %s within 2 points, and counts every request',
    async (_, primary, canary, seed) => {
      env.setRandom(seed === undefined ? Math.random : seededRandom(seed));
      const world = await canaryWorld(env, 'split');
      const ns = world.namespace;
      // The VirtualService Flagger writes for its istio example (hosts app.example.com and podinfo, port 80).
      await env.create(
        flaggerVirtualService(exampleCanary('istio-canary.yaml', ns), { primary, canary, mirrored: false }),
      );
      await routed(env, `http://podinfo.${ns}/`);
      const before = await env.metrics();

      const replies = await env.sendMany(requests, `http://podinfo.${ns}/`);

      expect(replies.every((r) => r.status === 200)).toBe(true);
      expect(Math.abs(percentOf(replies, 'podinfo-primary') - primary)).toBeLessThan(2);
      expect(Math.abs(percentOf(replies, 'podinfo') - canary)).toBeLessThan(2);
      // Round-robin inside the primary: its two pods share its traffic evenly.
      const [a, b] = world.primary.pods.map((p) => p.received.length);
      expect(Math.abs(a! - b!)).toBeLessThanOrEqual(2 + requests / 100);
      const counts = countByWorkload(replies);
      await metricsWhere(env, (after) => {
        for (const workload of ['podinfo-primary', 'podinfo']) {
          expect(requestsOf(after, ns, workload) - requestsOf(before, ns, workload)).toBe(
            counts[workload] ?? 0,
          );
        }
      });
    },
  );

  it.each([
    ['v1alpha1', '70', '30'],
    ['v1alpha2', 70, 30],
    ['v1alpha3', 70, 30],
  ])('splits an SMI TrafficSplit %s by its weights', async (version, primary, canary) => {
    env.setRandom(seededRandom(3));
    const { namespace: ns } = await canaryWorld(env, `smi-${version}`);
    await env.create({
      apiVersion: `split.smi-spec.io/${version}`,
      kind: 'TrafficSplit',
      metadata: { name: 'podinfo', namespace: ns },
      spec: {
        service: 'podinfo',
        backends: [
          { service: 'podinfo-canary', weight: canary },
          { service: 'podinfo-primary', weight: primary },
        ],
      },
    } as KubeObject);
    await routed(env, `http://podinfo.${ns}/`);
    const replies = await env.sendMany(version === 'v1alpha1' ? requests : 2_000, `http://podinfo.${ns}/`);
    expect(Math.abs(percentOf(replies, 'podinfo-primary') - 70)).toBeLessThan(version === 'v1alpha1' ? 2 : 4);
  });

  it('follows weight changes and sends nothing to a 0-weight destination', async () => {
    const { namespace: ns } = await canaryWorld(env, 'shift');
    const canary = exampleCanary('istio-canary.yaml', ns);
    canary.spec.service = { ...canary.spec.service!, hosts: [`app-${ns}.example.com`] };
    const vs = await env.create(flaggerVirtualService(canary, { primary: 100, canary: 0, mirrored: false }));
    await routed(env, `http://podinfo.${ns}/`);
    expect(countByWorkload(await env.sendMany(500, `http://podinfo.${ns}/`))).toEqual({
      'podinfo-primary': 500,
    });
    await env.raw.replace({
      ...vs,
      spec: virtualServiceSpec(canary, { primary: 0, canary: 100, mirrored: false }),
    } as KubeObject);
    await eventually(async () => {
      expect(countByWorkload([await env.send(`http://podinfo.${ns}/`)])).toEqual({ podinfo: 1 });
    });
    expect(countByWorkload(await env.sendMany(500, `http://podinfo.${ns}/`))).toEqual({ podinfo: 500 });
    // The VirtualService's other host routes the same way.
    expect(countByWorkload([await env.send(`http://app-${ns}.example.com/`)])).toEqual({ podinfo: 1 });
  });

  it("labels the telemetry as Istio does, with Istio's duration buckets", async () => {
    const { namespace: ns } = await canaryWorld(env, 'labels');
    await env.create(
      flaggerVirtualService(exampleCanary('istio-canary.yaml', ns), {
        primary: 100,
        canary: 0,
        mirrored: false,
      }),
    );
    await routed(env, `http://podinfo.${ns}/`);
    await env.sendMany(20, `http://podinfo.${ns}/status/500`);
    const samples = await metricsWhere(env, (s) =>
      expect(
        sumOf(s, 'istio_requests_total', { destination_workload_namespace: ns, response_code: '500' }),
      ).toBe(20),
    );
    const series = samples.find(
      (s) =>
        s.name === 'istio_requests_total' &&
        s.labels.destination_workload_namespace === ns &&
        s.labels.response_code === '500',
    );
    expect(series?.labels).toMatchObject({
      reporter: 'destination',
      destination_workload: 'podinfo-primary',
      destination_app: 'podinfo-primary',
      destination_service: `podinfo-primary.${ns}.svc.cluster.local`,
      destination_service_name: 'podinfo-primary',
      destination_service_namespace: ns,
      source_workload: 'unknown',
      request_protocol: 'http',
      response_flags: '-',
    });
    const buckets = samples
      .filter(
        (s) =>
          s.name === 'istio_request_duration_milliseconds_bucket' &&
          s.labels.response_code === '500' &&
          s.labels.destination_workload_namespace === ns,
      )
      .map((s) => s.labels.le);
    expect(buckets).toEqual([...istioDurationBuckets.map(String), '+Inf']);
    expect(
      sumOf(samples, 'istio_request_duration_milliseconds_count', {
        destination_workload_namespace: ns,
        response_code: '500',
      }),
    ).toBe(20);
  });
});
