import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/kube/kube-object.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

const serviceType = { apiVersion: 'v1', kind: 'Service' } as const;

interface Service extends KubeObject {
  spec: { clusterIP?: string; selector?: Record<string, string>; ports: { name?: string; port: number }[] };
}

/** The target: a plain Service in front of podinfo's pods. */
function targetService(selector: Record<string, string>): Service {
  return {
    ...serviceType,
    metadata: { name: 'podinfo', labels: { app: 'podinfo' } },
    spec: { selector, ports: [{ name: 'http', port: 9898 }] },
  };
}

describe('Service target (kind: Service)', () => {
  let world: OperatorHarness;
  const service = async (name: string) => {
    const found = await world.get<Service>({ ...serviceType, namespace: 'test', name });
    if (!found) throw new Error(`service ${name} not found`);
    return found;
  };

  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.apply(targetService({ app: 'podinfo' }));
    await world.apply(
      guideCanary({ spec: { targetRef: { apiVersion: 'v1', kind: 'Service', name: 'podinfo' } } }),
    );
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
  });
  afterAll(async () => world.stop());

  it('initializes with -primary and -canary copies of the target, which Weir leaves alone', async () => {
    const target = await service('podinfo');
    for (const name of ['podinfo-primary', 'podinfo-canary']) {
      const copy = await service(name);
      expect(copy.spec.selector).toEqual({ app: 'podinfo' });
      expect(copy.spec.ports).toEqual(target.spec.ports);
      expect(copy.spec.clusterIP).not.toBe(target.spec.clusterIP);
      expect(copy.metadata.ownerReferences?.map((r) => `${r.kind}/${r.name}`)).toEqual(['Canary/podinfo']);
    }
    // No generated apex Service: the target keeps its own selector and no owner.
    expect(target.spec.selector).toEqual({ app: 'podinfo' });
    expect(target.metadata.ownerReferences).toBeUndefined();
    expect(await world.routes()).toBe('100/0');
  });

  it('a changed target spec is a new revision: the canary copy follows at once, the primary at promotion', async () => {
    const primaryIP = (await service('podinfo-primary')).spec.clusterIP;
    await world.apply(targetService({ app: 'podinfo', version: 'v2' }));
    await world.tick();
    expect((await world.canary()).status?.phase).toBe('Progressing');
    expect((await service('podinfo-canary')).spec.selector).toEqual({ app: 'podinfo', version: 'v2' });
    expect((await service('podinfo-primary')).spec.selector).toEqual({ app: 'podinfo' });
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    const primary = await service('podinfo-primary');
    expect(primary.spec.selector).toEqual({ app: 'podinfo', version: 'v2' });
    expect(primary.spec.clusterIP).toBe(primaryIP);
    expect(primary.metadata.ownerReferences?.map((r) => `${r.kind}/${r.name}`)).toEqual(['Canary/podinfo']);
    expect(world.messages()).toContain('Normal Copying podinfo.test template spec to podinfo-primary.test');
    expect(world.messages()).toContain('Normal Promotion completed! Scaling down podinfo.test');
  });
});
