import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { type RunningOperator, startOperator } from '../../../src/main/operator.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { eventually } from '../../support/eventually.js';
import { LiveWorld } from '../../support/live-world.js';
import { canaryType } from '../../support/operator-harness.js';
import { guideCanary } from '../../support/scenario-canaries.js';

/** `flagger_canary_total{namespace="test"}` on the operator's /metrics, undefined when absent. */
async function canaryTotal(operator: RunningOperator): Promise<number | undefined> {
  const text = await (await fetch(`${operator.opsUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('flagger_canary_total{namespace="test"}'));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** The controller counts canaries per namespace when they come and go, not on every status update. */
describe('flagger_canary_total', () => {
  let world: LiveWorld;
  let operator: RunningOperator;
  beforeAll(async () => {
    world = await LiveWorld.start();
    operator = await startOperator({
      config: loadConfig(world.flags('-min-analysis-interval=100ms'), {}),
      logger: new MemoryLogger(),
      version: 'test',
    });
  });
  afterAll(async () => {
    await operator.stop();
    await world.stop();
  });

  it('follows canaries created, updated by their ticks, and deleted', async () => {
    await world.raw.create(guideCanary({ analysis: { interval: '1s' } }));
    const second = guideCanary({ analysis: { interval: '1s' } });
    await world.raw.create({
      ...second,
      metadata: { ...second.metadata, name: 'other' },
      spec: { ...second.spec, targetRef: { ...second.spec.targetRef, name: 'missing' } },
    });
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Initialized'), 10_000);
    expect(await canaryTotal(operator)).toBe(2);
    await world.raw.delete({ ...canaryType, namespace: 'test', name: 'other' });
    await eventually(async () => expect(await canaryTotal(operator)).toBe(1), 10_000);
  });
});
