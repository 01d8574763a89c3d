import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.js';
import { guideCanary } from '../../support/scenario-canaries.js';
import { asked, namespacedRbacManifest } from './operator-permissions.js';
import { OperatorRbacWorld } from './operator-world.js';

let world: OperatorRbacWorld;

beforeAll(async () => {
  world = await OperatorRbacWorld.start(namespacedRbacManifest, 'test');
  await world.createPodinfo();
  await world.startOperator('-namespace=test', '-enable-leader-election', '-leader-election-retry-period=1s');
  await world.create(guideCanary({ analysis: { interval: '1s', stepWeight: 25, maxWeight: 50 } }));
}, 120_000);
afterAll(() => world?.stop(), 60_000);

describe('deploy/rbac/rbac-namespaced.yaml with `-namespace=test`', () => {
  it('a Role in the watched namespace is enough: the canary is promoted and nothing is refused', async () => {
    const phase = async () => (await world.canary())?.status?.phase;
    await eventually(async () => expect(await phase()).toBe('Initialized'), 40_000);
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await eventually(async () => expect(await phase()).toBe('Succeeded'), 40_000);
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.operator?.stop();
    world.operator = undefined;
    expect(await world.rbac.requests(403)).toBe(0);
    const decisions = world.operatorDecisions();
    expect(decisions.filter((d) => !d.allowed)).toEqual([]);
    // Every resource request stayed inside the namespace.
    expect(
      decisions.filter((d) => d.attributes.resourceRequest && d.attributes.namespace !== 'test').map(asked),
    ).toEqual([]);
  }, 120_000);
});
