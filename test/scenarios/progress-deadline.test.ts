import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

async function world(adjustReplicas?: number): Promise<OperatorHarness> {
  const w = await OperatorHarness.start();
  w.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
  await w.applyPodinfo((d) => {
    if (adjustReplicas === undefined) return;
    d.spec.replicas = adjustReplicas;
    d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } };
  });
  await w.apply(guideCanary());
  await w.tickUntil((c) => c.status?.phase === 'Initialized');
  return w;
}

describe('progress deadline', () => {
  describe('a canary that never becomes ready', () => {
    let w: OperatorHarness;
    beforeAll(async () => {
      // Two replicas, none may be unavailable: the deployment controller reports MinimumReplicasUnavailable.
      w = await world(2);
      w.notReady.add('podinfo');
      await w.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
      await w.tickUntil((c) => c.status?.phase === 'Failed', 6);
    });
    afterAll(async () => w.stop());

    it('waits while within progressDeadlineSeconds, then rolls back saying why (§9.3 #1)', () => {
      const notReady =
        'canary deployment podinfo.test not ready: waiting for rollout to finish: 0 of 2 (readyThreshold 100%) updated replicas are available';
      const run = w
        .messages()
        .slice(w.messages().indexOf('Normal New revision detected! Scaling up podinfo.test'));
      // Ticks are 60 s apart: within the deadline at the first, past it at the second (measured from the
      // scale-up; the Deployment's own MinimumReplicasUnavailable deadline would come a tick later).
      const expired = `${notReady} (scaled up 120s ago, progressDeadlineSeconds is 60)`;
      expect(run).toEqual([
        'Normal New revision detected! Scaling up podinfo.test',
        `Warning ${notReady}`,
        `Warning ${expired}`,
        `Warning Rolling back podinfo.test progress deadline exceeded ${expired}`,
        'Warning Canary failed! Scaling down podinfo.test',
      ]);
    });

    it('ends Failed with the traffic on the primary and the canary scaled to zero', async () => {
      expect((await w.canary()).status).toMatchObject({
        phase: 'Failed',
        canaryWeight: 0,
        message: expect.stringContaining('progress deadline exceeded'),
      });
      expect(await w.routes()).toBe('100/0');
      expect((await w.deployment('podinfo')).spec.replicas).toBe(0);
      expect(await w.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.0');
    });
  });

  describe('a canary scaled up from zero that never becomes ready (Kubernetes never times out a scale-up)', () => {
    let w: OperatorHarness;
    beforeAll(async () => {
      // The upstream podinfo: one replica, maxUnavailable 1, so the Deployment stays Available and its
      // Progressing condition never reports ProgressDeadlineExceeded. Flagger would wait forever.
      w = await world();
      w.notReady.add('podinfo');
      await w.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
      await w.tickUntil((c) => c.status?.phase === 'Failed', 6);
    });
    afterAll(async () => w.stop());

    it('rolls back once progressDeadlineSeconds passed since the scale-up', async () => {
      const run = w
        .messages()
        .slice(w.messages().indexOf('Normal New revision detected! Scaling up podinfo.test'));
      expect(run[run.length - 2]).toMatch(
        /^Warning Rolling back podinfo\.test progress deadline exceeded canary deployment podinfo\.test not ready: .* \(scaled up \d+s ago, progressDeadlineSeconds is 60\)$/,
      );
      expect(run[run.length - 1]).toBe('Warning Canary failed! Scaling down podinfo.test');
      expect(await w.routes()).toBe('100/0');
      expect(await w.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.0');
    });
  });

  describe('a primary that does not become ready while Promoting', () => {
    let w: OperatorHarness;
    beforeAll(async () => {
      w = await world();
      await w.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
      await w.tickUntil((c) => c.status?.phase === 'Promoting');
      w.notReady.add('podinfo-primary');
      await w.tickUntil((c) => c.status?.phase === 'Failed', 5);
    });
    afterAll(async () => w.stop());

    it('waits for the rollout, then fails the promotion once the deployment exceeds its progress deadline', () => {
      const waiting =
        'podinfo-primary.test not ready: waiting for rollout to finish: 0 of 1 (readyThreshold 100%) updated replicas are available';
      const run = w
        .messages()
        .slice(w.messages().indexOf('Normal Copying podinfo.test template spec to podinfo-primary.test') + 1);
      expect(run).toEqual([
        `Warning ${waiting}`,
        `Warning ${waiting}`,
        'Warning podinfo-primary.test not ready: deployment "podinfo-primary" exceeded its progress deadline',
        'Warning Promotion of podinfo.test failed, primary not ready: podinfo-primary.test not ready: deployment "podinfo-primary" exceeded its progress deadline',
      ]);
    });

    it('sends all traffic to the still-running canary and does not scale it down', async () => {
      expect(await w.routes()).toBe('0/100');
      expect((await w.canary()).status).toMatchObject({ phase: 'Failed', canaryWeight: 100 });
      expect((await w.deployment('podinfo')).spec.replicas).toBe(1);
    });
  });
});
