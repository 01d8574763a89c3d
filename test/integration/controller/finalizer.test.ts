import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { CanaryFinalizer } from '../../../src/controller/canary-finalizers.js';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import { type RunningOperator, startOperator } from '../../../src/main/operator.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { eventually } from '../../support/eventually.js';
import { LiveWorld } from '../../support/live-world.js';
import { canaryType } from '../../support/operator-harness.js';
import { guideCanary } from '../../support/scenario-canaries.js';

/**
 * `weir operator` on real timers: the controller adds the finalizer of a revertOnDeletion Canary, and
 * deleting the Canary finalizes it and lets it go (the wiring of `src/main`, end to end).
 */
describe('canary controller with revertOnDeletion', () => {
  let world: LiveWorld;
  let operator: RunningOperator;
  const logger = new MemoryLogger();
  const canaryRef = { ...canaryType, namespace: 'test', name: 'podinfo' };
  const target = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'test', name: 'podinfo' };
  beforeAll(async () => {
    world = await LiveWorld.start();
    operator = await startOperator({
      config: loadConfig(world.flags('-min-analysis-interval=100ms'), {}),
      logger,
      version: 'test',
    });
    await world.raw.create(guideCanary({ spec: { revertOnDeletion: true }, analysis: { interval: '1s' } }));
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Initialized'), 10_000);
  });
  afterAll(async () => {
    await operator.stop();
    await world.stop();
  });

  it('holds the Canary with finalizer.flagger.app and has scaled the target to zero', async () => {
    expect((await world.canary()).metadata.finalizers).toEqual([CanaryFinalizer]);
    expect((await world.raw.get<Deployment>(target))?.spec.replicas).toBe(0);
  });

  it('on deletion scales the target back, removes the finalizer, and the Canary is gone', async () => {
    await world.raw.delete(canaryRef);
    await eventually(async () => expect(await world.raw.get(canaryRef)).toBeUndefined(), 15_000);
    expect((await world.raw.get<Deployment>(target))?.spec.replicas).toBe(1);
    const messages = logger.lines.map((l) => l.msg);
    expect(messages).toContain('Terminating canary podinfo.test');
    expect(messages).toContain('Terminated canary podinfo.test');
  });
});
