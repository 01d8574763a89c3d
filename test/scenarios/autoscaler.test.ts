import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from '../../src/kube/api/autoscaling.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';
import { stableObject } from '../support/stable-object.js';

const hpaType = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' } as const;

/** `averageUtilization` of the first (cpu) metric of an HPA. */
function utilization(hpa: HorizontalPodAutoscaler | undefined): unknown {
  const metric = hpa?.spec.metrics?.[0] as { resource?: { target?: { averageUtilization?: number } } };
  return metric?.resource?.target?.averageUtilization;
}

describe('HPA autoscalerRef (Flagger test-hpa.sh)', () => {
  let world: OperatorHarness;
  const hpa = (name: string) => world.get<HorizontalPodAutoscaler>({ ...hpaType, namespace: 'test', name });

  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.applyReference('hpa.yaml');
    await world.apply(
      guideCanary({
        spec: {
          autoscalerRef: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'podinfo' },
        },
      }),
    );
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
  });
  afterAll(async () => world.stop());

  it('creates podinfo-primary scaling the primary Deployment like the target HPA', async () => {
    expect(stableObject(await hpa('podinfo-primary'))).toMatchInlineSnapshot(`
      {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {
          "name": "podinfo-primary",
          "namespace": "test",
          "ownerReferences": [
            {
              "apiVersion": "flagger.app/v1beta1",
              "blockOwnerDeletion": true,
              "controller": true,
              "kind": "Canary",
              "name": "podinfo",
              "uid": "<Canary uid>",
            },
          ],
        },
        "spec": {
          "maxReplicas": 4,
          "metrics": [
            {
              "resource": {
                "name": "cpu",
                "target": {
                  "averageUtilization": 99,
                  "type": "Utilization",
                },
              },
              "type": "Resource",
            },
          ],
          "minReplicas": 2,
          "scaleTargetRef": {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": "podinfo-primary",
          },
        },
      }
    `);
  });

  it('keeps a change of the target HPA for the release: the primary HPA takes it at promotion', async () => {
    await world.raw.patch(
      { ...hpaType, namespace: 'test', name: 'podinfo' },
      {
        spec: {
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
            },
          ],
        },
      },
      'application/merge-patch+json',
    );
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.phase === 'Progressing');
    await world.tick();
    expect(utilization(await hpa('podinfo-primary'))).toBe(99);
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    expect(utilization(await hpa('podinfo-primary'))).toBe(50);
    expect(world.logger.lines.map((l) => l.msg)).toContain(
      'HorizontalPodAutoscaler v2 podinfo-primary.test updated',
    );
  });

  it('primaryScalerReplicas overrides min and max of the primary HPA', async () => {
    await world.patchCanary({ autoscalerRef: { primaryScalerReplicas: { minReplicas: 3, maxReplicas: 6 } } });
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.2');
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    expect((await hpa('podinfo-primary'))?.spec).toMatchObject({ minReplicas: 3, maxReplicas: 6 });
    expect((await hpa('podinfo'))?.spec).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
  });
});
