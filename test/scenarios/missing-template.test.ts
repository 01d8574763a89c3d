import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricTemplate } from '../../src/apis/flagger/v1beta1/metric-template.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

const missing = 'Metric template latency.istio-system error: metrictemplate.flagger.app "latency" not found';

function latencyTemplate(address: string): MetricTemplate {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'MetricTemplate',
    metadata: { name: 'latency', namespace: 'istio-system' },
    spec: {
      provider: { type: 'prometheus', address },
      query:
        'histogram_quantile(0.99, sum(rate(latency_bucket{namespace="{{ namespace }}",target="{{ target }}"}[{{ interval }}])) by (le))',
    },
  };
}

/** A metric naming a MetricTemplate that does not exist is a failed check, never a pass (§4.3 of the reference test canary). */
describe('missing MetricTemplate', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus
      .answer(istioQueries.successRate, 99.5)
      .answer(istioQueries.duration, 120)
      .answer(/latency_bucket/, 250);
    await world.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
    await world.applyPodinfo();
    await world.apply(
      guideCanary({
        analysis: {
          threshold: 3,
          metrics: [
            { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
            {
              name: 'latency',
              templateRef: { name: 'latency', namespace: 'istio-system' },
              thresholdRange: { max: 500 },
              interval: '1m',
            },
          ],
        },
      }),
    );
  });
  afterAll(async () => world.stop());

  it('says so while initializing, at error level, without stopping the initialization', async () => {
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    expect(world.messages()).toContain(
      `Warning Error checking metric providers: ${missing.charAt(0).toLowerCase()}${missing.slice(1)}`,
    );
    expect(world.logger.lines.find((l) => l.msg.startsWith('Error checking metric providers'))?.level).toBe(
      'error',
    );
  });

  it('fails the check at every analysis tick, then rolls back', async () => {
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.failedChecks === 1);
    const status = (await world.canary()).status;
    expect(status?.checks).toEqual([
      expect.objectContaining({ name: 'request-success-rate', outcome: 'pass' }),
      {
        name: 'latency',
        source: 'template',
        template: 'latency.istio-system',
        outcome: 'error',
        message: missing,
      },
    ]);
    expect(status?.message).toBe(missing);
    expect(world.recorded.at(-1)).toEqual({ type: 'Warning', phase: 'Progressing', message: missing });
    await world.tickUntil((c) => c.status?.phase === 'Failed', 4);
    expect(world.messages().slice(-2)).toEqual([
      'Warning Rolling back podinfo.test failed checks threshold reached 3',
      'Warning Canary failed! Scaling down podinfo.test',
    ]);
  });

  it('passes once the template exists (read from the cache, no restart needed)', async () => {
    await world.apply(latencyTemplate(world.prometheus.url));
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.2');
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    const check = (await world.canary()).status?.checks?.find((c) => c.name === 'latency');
    expect(check).toMatchObject({
      outcome: 'pass',
      value: 250,
      query:
        'histogram_quantile(0.99, sum(rate(latency_bucket{namespace="test",target="podinfo"}[1m])) by (le))',
    });
  });
});
