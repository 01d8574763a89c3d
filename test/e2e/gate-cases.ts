import { it } from 'vitest';
import type { Canary, CanaryWebhook } from '../../src/apis/index.js';
import type { KubeObject } from '../../src/kube/kube-object.js';
import type { VirtualService } from '../../src/routers/istio/istio-types.js';
import type { PlaygroundSession } from '../support/playground-session.js';

const loadTester = 'http://flagger-loadtester.test';
const v1 = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const v2 = 'ghcr.io/stefanprodan/podinfo:6.0.1';
const caseTimeoutMs = 150_000;

function canary(namespace: string, webhooks: CanaryWebhook[]): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 120,
      service: { port: 9898 },
      analysis: { interval: '2s', threshold: 5, stepWeight: 50, maxWeight: 50, webhooks },
    },
  };
}

/** The gate cases' canaries, hooked to the load tester of examples/loadtester (namespace `test`). */
export function gateCanaries(): Canary[] {
  return [
    canary('gate-rollout', [
      { name: 'ask-to-start', type: 'confirm-rollout', url: `${loadTester}/gate/check` },
    ]),
    canary('gate-promotion', [
      { name: 'always', type: 'confirm-promotion', url: `${loadTester}/gate/approve` },
      { name: 'ask-to-promote', type: 'confirm-promotion', url: `${loadTester}/gate/check` },
    ]),
    canary('gate-rollback', [
      { name: 'abort', type: 'rollback', url: `${loadTester}/rollback/check` },
      { name: 'never', type: 'confirm-promotion', url: `${loadTester}/gate/halt` },
    ]),
  ];
}

/** What the gate cases read from the cluster. */
function probes(play: PlaygroundSession) {
  const deployment = <T>(namespace: string, name: string) =>
    play.client.get<KubeObject & { spec: T }>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name });
  return {
    /** `POST <load tester><path>` through the mesh with the canary's identity, as `curl -x <mesh> -d …` does. */
    post: async (path: string, namespace: string) =>
      (
        await play.request(`${loadTester}${path}`, {
          method: 'POST',
          body: JSON.stringify({ name: 'podinfo', namespace }),
        })
      ).status,
    said: (namespace: string) => play.log(`podinfo.${namespace}`).map((l) => l.msg),
    replicas: async (namespace: string) =>
      (await deployment<{ replicas?: number }>(namespace, 'podinfo'))?.spec.replicas,
    primaryImage: async (namespace: string) =>
      (
        await deployment<{ template: { spec: { containers: { image: string }[] } } }>(
          namespace,
          'podinfo-primary',
        )
      )?.spec.template.spec.containers[0]?.image,
    weights: async (namespace: string) =>
      (
        await play.client.get<VirtualService>({
          apiVersion: 'networking.istio.io/v1beta1',
          kind: 'VirtualService',
          namespace,
          name: 'podinfo',
        })
      )?.spec.http?.[0]?.route?.map((d) => d.weight),
  };
}

/**
 * The load tester's manual gates driving runs end to end: hooks call it through the mesh, and the test
 * opens gates as an operator would (`curl -x <mesh> -d '{"name":"podinfo","namespace":…}' …/gate/open`).
 */
export function gateCases(world: () => { play: PlaygroundSession }): void {
  it(
    'confirm-rollout: a closed gate holds the new revision in Waiting; opening it starts the run',
    async ({ expect }) => {
      const { play } = world();
      const { post, said, replicas, primaryImage, weights } = probes(play);
      await play.waitFor('gate-rollout', (c) => c.status?.phase === 'Waiting', 'Waiting');
      expect(said('gate-rollout')).toContain(
        'Halt podinfo.gate-rollout advancement waiting for approval ask-to-start',
      );
      expect(await replicas('gate-rollout')).toBe(0);
      expect(await weights('gate-rollout')).toEqual([100, 0]);
      expect(await post('/gate/check', 'gate-rollout')).toBe(403);
      expect(await post('/gate/open', 'gate-rollout')).toBe(202);
      await play.waitFor('gate-rollout', (c) => c.status?.phase === 'Progressing', 'Progressing');
      expect(said('gate-rollout')).toContain('Confirm-rollout check ask-to-start passed');
      await play.waitFor('gate-rollout', (c) => c.status?.phase === 'Succeeded', 'promotion');
      expect(await primaryImage('gate-rollout')).toBe(v2);
    },
    caseTimeoutMs,
  );

  it(
    'confirm-promotion: the run waits in WaitingPromotion at maxWeight until the gate opens',
    async ({ expect }) => {
      const { play } = world();
      const { post, said, primaryImage, weights } = probes(play);
      await play.waitFor('gate-promotion', (c) => c.status?.phase === 'WaitingPromotion', 'WaitingPromotion');
      expect(said('gate-promotion')).toEqual(
        expect.arrayContaining([
          'Confirm-promotion check always passed',
          'Halt podinfo.gate-promotion advancement waiting for promotion approval ask-to-promote',
        ]),
      );
      expect(await weights('gate-promotion')).toEqual([50, 50]);
      expect(await primaryImage('gate-promotion')).toBe(v1);
      expect(await post('/gate/open', 'gate-promotion')).toBe(202);
      await play.waitFor('gate-promotion', (c) => c.status?.phase === 'Succeeded', 'promotion');
      expect(said('gate-promotion')).toContain('Confirm-promotion check ask-to-promote passed');
      expect(await primaryImage('gate-promotion')).toBe(v2);
      expect(await weights('gate-promotion')).toEqual([100, 0]);
    },
    caseTimeoutMs,
  );

  it(
    'rollback: opening the rollback gate rolls the run back',
    async ({ expect }) => {
      const { play } = world();
      const { post, said, replicas, primaryImage, weights } = probes(play);
      await play.waitFor('gate-rollback', (c) => c.status?.phase === 'WaitingPromotion', 'WaitingPromotion');
      expect(said('gate-rollback')).toContain('Rollback hook abort not signaling a rollback');
      expect(await post('/rollback/open', 'gate-rollback')).toBe(202);
      await play.waitFor('gate-rollback', (c) => c.status?.phase === 'Failed', 'rollback');
      expect(said('gate-rollback')).toEqual(
        expect.arrayContaining([
          'Rollback check abort passed',
          'Rolling back podinfo.gate-rollback manual webhook invoked',
          'Canary failed! Scaling down podinfo.gate-rollback',
        ]),
      );
      expect(await weights('gate-rollback')).toEqual([100, 0]);
      expect(await replicas('gate-rollback')).toBe(0);
      expect(await primaryImage('gate-rollback')).toBe(v1);
    },
    caseTimeoutMs,
  );
}
