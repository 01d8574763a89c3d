import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { type RunningOperator, startOperator } from '../../../src/main/operator.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { eventually } from '../../support/eventually.js';
import { LiveWorld } from '../../support/live-world.js';
import { guideCanary } from '../../support/scenario-canaries.js';

const configMapRef = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'test', name: 'podinfo-config-env' };

function configMap(color: string) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'podinfo-config-env', namespace: 'test' },
    data: { color },
  };
}

/**
 * The controller on real timers reacts to a tracked ConfigMap's watch event as to a Deployment's: with
 * a 30 s analysis interval, only the ConfigMap's event can explain a tick within seconds.
 */
describe('canary controller: tracked configs', () => {
  let world: LiveWorld;
  let operator: RunningOperator;
  const logger = new MemoryLogger();

  beforeAll(async () => {
    world = await LiveWorld.start();
    await world.raw.create(configMap('blue'));
    await world.raw.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'test', name: 'podinfo' },
      {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'podinfod',
                  env: [
                    {
                      name: 'PODINFO_UI_COLOR',
                      valueFrom: { configMapKeyRef: { name: 'podinfo-config-env', key: 'color' } },
                    },
                  ],
                },
              ],
            },
          },
        },
      },
      'application/strategic-merge-patch+json',
    );
    operator = await startOperator({
      config: loadConfig(world.flags('-min-analysis-interval=100ms'), {}),
      logger,
      version: 'test',
    });
    await world.raw.create(guideCanary({ analysis: { interval: '1s' } }));
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Initialized'), 10_000);
    await world.raw.patch(
      { apiVersion: 'flagger.app/v1beta1', kind: 'Canary', namespace: 'test', name: 'podinfo' },
      { spec: { analysis: { interval: '30s' } } },
      'application/merge-patch+json',
    );
    await operator.idle();
  });
  afterAll(async () => {
    await operator?.stop();
    await world?.stop();
  });

  it('a change of a ConfigMap the target references starts a new revision at once', async () => {
    const started = logger.lines.length;
    await world.raw.patch(configMapRef, { data: { color: 'green' } }, 'application/merge-patch+json');
    await eventually(
      () =>
        expect(logger.lines.slice(started).map((l) => l.msg)).toContain(
          'New revision detected! Scaling up podinfo.test',
        ),
      { timeoutMs: 10_000 },
    );
    // The event comes before the tick's single status write.
    await operator.idle();
    const status = (await world.canary()).status;
    expect(status?.phase).toBe('Progressing');
    expect(Object.keys(status?.trackedConfigs ?? {})).toEqual(['configmap/podinfo-config-env']);
  });
});
