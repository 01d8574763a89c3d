import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

/** `suspend: true` freezes a run where it stands: no traffic change, no status change, no new revision. */
describe('suspend', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(guideCanary());
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.canaryWeight === 20);
  });
  afterAll(async () => world.stop());

  it('says so at every tick and changes nothing, even when a new revision arrives', async () => {
    await world.patchCanary({ suspend: true });
    const status = (await world.canary()).status;
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.2');
    const outcomes = [await world.tick(), await world.tick(), await world.tick()];
    expect(outcomes).toEqual(['suspended', 'suspended', 'suspended']);
    expect(world.messages().slice(-3)).toEqual(
      Array(3).fill('Normal skipping canary run as object is suspended'),
    );
    expect((await world.canary()).status).toEqual(status);
    expect(await world.routes()).toBe('80/20');
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.0');
  });

  it('resumes where it stood: the revision that arrived meanwhile restarts the analysis', async () => {
    await world.patchCanary({ suspend: false });
    await world.tick();
    expect(world.messages().at(-1)).toBe(
      'Normal New revision detected! Restarting analysis for podinfo.test',
    );
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.2');
  });
});
