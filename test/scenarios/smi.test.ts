import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/kube/kube-object.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary } from '../support/scenario-canaries.js';

interface TrafficSplit extends KubeObject {
  spec: { service: string; backends: { service: string; weight: string | number }[] };
}

const v1alpha1 = {
  apiVersion: 'split.smi-spec.io/v1alpha1',
  kind: 'TrafficSplit',
  namespace: 'test',
  name: 'podinfo',
};
const virtualService = {
  apiVersion: 'networking.istio.io/v1beta1',
  kind: 'VirtualService',
  namespace: 'test',
  name: 'podinfo',
};

/** Runs the guide's promotion, recording the TrafficSplit after every tick of the run. */
async function promote(world: OperatorHarness): Promise<TrafficSplit[]> {
  const splits: TrafficSplit[] = [];
  await world.applyPodinfo();
  await world.tickUntil((c) => c.status?.phase === 'Initialized');
  await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
  for (let i = 0; i < 12 && (await world.canary()).status?.phase !== 'Succeeded'; i++) {
    await world.tick();
    const split = await world.get<TrafficSplit>(v1alpha1);
    if (split) splits.push(split);
  }
  expect((await world.canary()).status?.phase).toBe('Succeeded');
  return splits;
}

/**
 * The canary backend's weight after each tick of the run: detection (0), five steps of 10, the promotion
 * tick (still 50), `Routing all traffic to primary` (0), finalising (0).
 */
const canaryWeights = (splits: TrafficSplit[]) =>
  splits.map((s) => s.spec.backends.find((b) => b.service === 'podinfo-canary')?.weight);

/** The SMI Istio guide: `-mesh-provider=smi:istio` routes through an SMI TrafficSplit v1alpha1. */
describe('SMI: the guide with -mesh-provider=smi:istio', () => {
  let world: OperatorHarness;
  let splits: TrafficSplit[];
  beforeAll(async () => {
    world = await OperatorHarness.start({ flags: ['-mesh-provider=smi:istio'] });
    world.prometheus
      .answer(/istio_requests_total/, 99.5)
      .answer(/istio_request_duration_milliseconds_bucket/, 120);
    await world.apply(
      guideCanary({
        spec: {
          service: {
            port: 9898,
            gateways: ['public-gateway.istio-system.svc.cluster.local'],
            hosts: ['app.example.com'],
          },
        },
      }),
    );
    splits = await promote(world);
  });
  afterAll(async () => world.stop());

  it('shifts traffic in a v1alpha1 TrafficSplit with weights as strings, never an Istio VirtualService', async () => {
    expect(canaryWeights(splits)).toEqual(['0', '10', '20', '30', '40', '50', '50', '0', '0']);
    const last = splits.at(-1);
    expect(last?.spec).toEqual({
      service: 'app.example.com',
      backends: [
        { service: 'podinfo-canary', weight: '0' },
        { service: 'podinfo-primary', weight: '100' },
      ],
    });
    expect(last?.metadata.annotations?.['VirtualService.v1alpha3.networking.istio.io/spec.gateways']).toBe(
      '["public-gateway.istio-system.svc.cluster.local"]',
    );
    expect(await world.get(virtualService)).toBeUndefined();
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
  });

  it("asks Prometheus Istio's builtin queries", () => {
    const queries = world.prometheus.queries().filter((q) => q !== 'vector(1)');
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((q) => q.includes('istio_request'))).toBe(true);
  });
});

describe('SMI: spec.provider linkerd', () => {
  let world: OperatorHarness;
  let splits: TrafficSplit[];
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(/response_total/, 99.5).answer(/response_latency_ms_bucket/, 120);
    await world.apply(guideCanary({ spec: { provider: 'linkerd' } }));
    splits = await promote(world);
  });
  afterAll(async () => world.stop());

  it('promotes through a v1alpha1 TrafficSplit', async () => {
    expect(canaryWeights(splits)).toEqual(['0', '10', '20', '30', '40', '50', '50', '0', '0']);
    expect(splits.at(-1)?.spec.service).toBe('podinfo');
    expect(await world.get(virtualService)).toBeUndefined();
  });

  it("sends Linkerd's PromQL, rendered for podinfo.test", () => {
    const queries = world.prometheus.queries().filter((q) => q !== 'vector(1)');
    expect(new Set(queries)).toEqual(
      new Set([
        'sum( rate( response_total{ namespace="test", deployment=~"podinfo", classification!="failure", direction="inbound" }[1m] ) ) / sum( rate( response_total{ namespace="test", deployment=~"podinfo", direction="inbound" }[1m] ) ) * 100',
        'histogram_quantile( 0.99, sum( rate( response_latency_ms_bucket{ namespace="test", deployment=~"podinfo", direction="inbound" }[30s] ) ) by (le) )',
      ]),
    );
    expect(world.recorded.find((e) => e.message.startsWith('Advance'))?.message).toBe(
      'Advance podinfo.test canary weight 10',
    );
  });
});
