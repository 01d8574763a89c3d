import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/parse-flags.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

const contourError =
  "unknown mesh provider 'contour': Flagger supports it but Weir does not implement it yet; valid providers: " +
  'istio, kubernetes, linkerd, osm, smi:v1alpha1[:<mesh>], smi:v1alpha2[:<mesh>], smi:v1alpha3[:<mesh>], smi:istio, smi:linkerd';

const routingKinds = [
  { apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', name: 'podinfo' },
  { apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule', name: 'podinfo-primary' },
  { apiVersion: 'split.smi-spec.io/v1alpha1', kind: 'TrafficSplit', name: 'podinfo' },
];

/** A provider Weir does not implement is an error in status and a Warning event — never a fallback to Istio. */
describe('unknown provider', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
  });
  afterAll(async () => world.stop());

  it('`spec.provider: contour` (which the CRD accepts) halts every tick with a Warning, writing no routing object', async () => {
    await world.apply(guideCanary({ spec: { provider: 'contour' } }));
    const outcomes = [await world.tick(), await world.tick()];
    expect(outcomes).toEqual(['halted', 'halted']);
    expect(world.recorded).toEqual(
      Array(2).fill({ type: 'Warning', phase: 'Initializing', message: contourError }),
    );
    const canary = await world.canary();
    expect(canary.status).toMatchObject({ phase: 'Initializing', message: contourError });
    for (const { name, ...type } of routingKinds)
      expect(await world.get({ ...type, namespace: 'test', name })).toBeUndefined();
    const events = await world.kubeEvents();
    expect(events.map((e) => [e.type, e.message, e.count])).toEqual([['Warning', contourError, 2]]);
  });

  it('switching a running canary to it leaves its Istio routes alone', async () => {
    await world.patchCanary({ provider: 'istio' });
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.canaryWeight === 10);
    await world.patchCanary({ provider: 'contour' });
    await world.tick();
    await world.tick();
    expect(world.messages().slice(-2)).toEqual(Array(2).fill(`Warning ${contourError}`));
    expect(await world.routes()).toBe('90/10');
    expect((await world.canary()).status).toMatchObject({
      phase: 'Progressing',
      canaryWeight: 10,
      message: contourError,
    });
  });

  it('a value the CRD does not accept never reaches the operator', async () => {
    const invalid = guideCanary({ spec: { provider: 'istio2' as 'istio' } });
    invalid.metadata.name = 'typo';
    await expect(world.apply(invalid)).rejects.toThrow(/spec.provider/);
  });

  it('an unknown `-mesh-provider` stops `weir operator` at start, so it cannot reach a canary without `spec.provider`', () => {
    expect(() => loadConfig(['-mesh-provider=contour'], {})).toThrow(ConfigError);
    expect(() => loadConfig(['-mesh-provider=contour'], {})).toThrow(`-mesh-provider: ${contourError}`);
    expect(() => loadConfig(['-mesh-provider=smi:v2'], {})).toThrow(
      /-mesh-provider: unknown mesh provider 'smi:v2'/,
    );
  });
});
