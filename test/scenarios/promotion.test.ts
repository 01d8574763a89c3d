import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Canary } from '../../src/apis/index.js';
import { canaryType, OperatorHarness } from '../support/operator-harness.js';

function guideCanary(): Canary {
  return {
    ...canaryType,
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      service: { port: 9898 },
      analysis: {
        interval: '10s',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [
          { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
          { name: 'request-duration', thresholdRange: { max: 500 }, interval: '30s' },
        ],
      },
    },
  };
}

describe('promotion on Istio', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    await world.applyPodinfo();
    await world.apply(guideCanary());
    world.prometheus.answer(/istio_requests_total/, 99.5);
    world.prometheus.answer(/istio_request_duration_milliseconds_bucket/, 120);
  });
  afterAll(async () => world.stop());

  it('initializes, then promotes a new image step by step', async () => {
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    const primary = await world.get<{
      apiVersion: string;
      kind: string;
      metadata: { name: string };
      spec: { template: { spec: { containers: { image: string }[] } } };
    }>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'test', name: 'podinfo-primary' });
    expect(primary?.spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect(world.recorded.map((e) => `${e.phase} ${e.type} ${e.message}`)).toEqual([
      'Initializing Normal all the metrics providers are available!',
      'Initializing Warning podinfo-primary.test not ready: waiting for rollout to finish: observed deployment generation less than desired generation',
      'Initializing Normal all the metrics providers are available!',
      'Initialized Normal Initialization done! podinfo.test',
      'Progressing Normal New revision detected! Scaling up podinfo.test',
      'Progressing Normal Starting canary analysis for podinfo.test',
      'Progressing Normal Advance podinfo.test canary weight 10',
      'Progressing Normal Advance podinfo.test canary weight 20',
      'Progressing Normal Advance podinfo.test canary weight 30',
      'Progressing Normal Advance podinfo.test canary weight 40',
      'Progressing Normal Advance podinfo.test canary weight 50',
      'Progressing Normal Copying podinfo.test template spec to podinfo-primary.test',
      'Promoting Normal Routing all traffic to primary',
      'Succeeded Normal Promotion completed! Scaling down podinfo.test',
    ]);
    const status = (await world.canary()).status;
    expect(status).toMatchObject({ phase: 'Succeeded', canaryWeight: 0, failedChecks: 0 });
    // One status write per tick at most (Flagger: several), none for ticks that change nothing.
    expect(Math.max(...world.statusWritesPerTick)).toBe(1);
    expect(status?.checks?.map((c) => [c.name, c.outcome, c.value])).toEqual([
      ['request-success-rate', 'pass', 99.5],
      ['request-duration', 'pass', 120],
    ]);
  });
});
