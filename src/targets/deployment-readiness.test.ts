import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import type { Deployment, DeploymentCondition } from '../kube/api/apps-v1.js';
import { ManualClock, rfc3339 } from '../platform/clock.js';
import { canaryReadiness, deploymentRollout, primaryReadiness } from './deployment-readiness.js';

function deployment(
  name: string,
  replicas: number | undefined,
  status: Deployment['status'],
  generation = 1,
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'test', generation },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: name } },
      template: { spec: { containers: [{ name: 'app' }] } },
    },
    status,
  };
}

function canary(analysis: Partial<Canary['spec']['analysis']> = {}, deadline?: number): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: {
      ...(deadline === undefined ? {} : { progressDeadlineSeconds: deadline }),
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service: { port: 9898 },
      analysis: { interval: '1m', threshold: 5, ...analysis },
    },
  } as Canary;
}

const rolledOut = {
  observedGeneration: 1,
  replicas: 2,
  updatedReplicas: 2,
  readyReplicas: 2,
  availableReplicas: 2,
};
const check = (now: Date) => ({ deadlineSeconds: 600, readyThreshold: 100, now });

/** The conditions the deployment controller writes while pods are not available yet. */
function waitingConditions(since: Date): DeploymentCondition[] {
  return [
    { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: rfc3339(since) },
    {
      type: 'Available',
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      lastUpdateTime: rfc3339(since),
    },
  ];
}

describe('deploymentRollout (Flagger isDeploymentReady)', () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z');

  it('is ready when every updated replica is available', () => {
    expect(deploymentRollout(deployment('podinfo', 2, rolledOut), check(clock.now()))).toEqual({
      ready: true,
    });
  });

  it('waits while the controller has not observed the latest generation', () => {
    expect(deploymentRollout(deployment('podinfo', 2, rolledOut, 2), check(clock.now()))).toEqual({
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: observed deployment generation less than desired generation',
    });
    // A Deployment nobody has reconciled yet has no status at all.
    expect(deploymentRollout(deployment('podinfo', 2, undefined), check(clock.now()))).toMatchObject({
      ready: false,
      retriable: true,
    });
  });

  it('waits for new replicas, then for old ones to terminate, then for availability', () => {
    const now = clock.now();
    expect(
      deploymentRollout(deployment('podinfo', 2, { ...rolledOut, updatedReplicas: 0 }), check(now)),
    ).toEqual({
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: 0 out of 2 new replicas have been updated',
    });
    expect(deploymentRollout(deployment('podinfo', 2, { ...rolledOut, replicas: 3 }), check(now))).toEqual({
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: 1 old replicas are pending termination',
    });
    expect(
      deploymentRollout(deployment('podinfo', 2, { ...rolledOut, availableReplicas: 0 }), check(now)),
    ).toEqual({
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: 0 of 2 (readyThreshold 100%) updated replicas are available',
    });
  });

  it('applies the ready threshold to the updated replicas, truncating like Flagger', () => {
    const status = { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 1 };
    const at = (readyThreshold: number) =>
      deploymentRollout(deployment('podinfo', 3, status), { ...check(clock.now()), readyThreshold });
    // 3 × 50% = 1.5 → 1 available is enough.
    expect(at(50)).toEqual({ ready: true });
    // 3 × 67% = 2.01 → 2.
    expect(at(67)).toEqual({
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: 1 of 2 (readyThreshold 67%) updated replicas are available',
    });
  });

  it('does not count unset spec.replicas as a wanted number', () => {
    expect(deploymentRollout(deployment('podinfo', undefined, rolledOut), check(clock.now()))).toEqual({
      ready: true,
    });
  });

  it('stops being retriable once the pods have been unavailable for longer than the deadline', () => {
    const since = clock.now();
    const stuck = deployment('podinfo', 2, {
      ...rolledOut,
      availableReplicas: 0,
      conditions: waitingConditions(since),
    });
    const at = (seconds: number) =>
      deploymentRollout(stuck, {
        deadlineSeconds: 60,
        readyThreshold: 100,
        now: new Date(since.getTime() + seconds * 1000),
      });
    expect(at(60)).toMatchObject({ ready: false, retriable: true });
    expect(at(61)).toEqual({
      ready: false,
      retriable: false,
      message: 'waiting for rollout to finish: 0 of 2 (readyThreshold 100%) updated replicas are available',
    });
  });

  it('needs the Progressing condition for the deadline to count', () => {
    const since = clock.now();
    const stuck = deployment('podinfo', 2, {
      ...rolledOut,
      availableReplicas: 0,
      conditions: waitingConditions(since).filter((c) => c.type === 'Available'),
    });
    const later = new Date(since.getTime() + 3600_000);
    expect(deploymentRollout(stuck, { ...check(later), deadlineSeconds: 60 })).toMatchObject({
      retriable: true,
    });
  });

  it('gives up at once when the controller reports ProgressDeadlineExceeded', () => {
    const exceeded = deployment('podinfo', 2, {
      ...rolledOut,
      updatedReplicas: 1,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    });
    expect(deploymentRollout(exceeded, check(clock.now()))).toEqual({
      ready: false,
      retriable: false,
      message: 'deployment "podinfo" exceeded its progress deadline',
    });
  });
});

describe('primaryReadiness and canaryReadiness', () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z');

  it('word the primary and the canary as Flagger does', () => {
    const waiting = { ...rolledOut, updatedReplicas: 0 };
    expect(primaryReadiness(canary(), deployment('podinfo-primary', 2, waiting), clock.now())).toEqual({
      ready: false,
      retriable: true,
      message:
        'podinfo-primary.test not ready: waiting for rollout to finish: 0 out of 2 new replicas have been updated',
    });
    expect(canaryReadiness(canary(), deployment('podinfo', 2, waiting), clock.now())).toEqual({
      ready: false,
      retriable: true,
      message:
        'canary deployment podinfo.test not ready: waiting for rollout to finish: 0 out of 2 new replicas have been updated',
    });
  });

  it('use primaryReadyThreshold for the primary and canaryReadyThreshold for the canary', () => {
    const half = { observedGeneration: 1, replicas: 4, updatedReplicas: 4, availableReplicas: 2 };
    const c = canary({ primaryReadyThreshold: 50, canaryReadyThreshold: 75 });
    expect(primaryReadiness(c, deployment('podinfo-primary', 4, half), clock.now())).toEqual({ ready: true });
    expect(canaryReadiness(c, deployment('podinfo', 4, half), clock.now())).toEqual({
      ready: false,
      retriable: true,
      message:
        'canary deployment podinfo.test not ready: waiting for rollout to finish: 2 of 3 (readyThreshold 75%) updated replicas are available',
    });
  });

  it("measure the deadline with the Canary's progressDeadlineSeconds, 600 by default", () => {
    const since = clock.now();
    const status = { ...rolledOut, availableReplicas: 0, conditions: waitingConditions(since) };
    const target = deployment('podinfo', 2, status);
    const secondsLater = (seconds: number) => new Date(since.getTime() + seconds * 1000);
    expect(canaryReadiness(canary({}, 60), target, secondsLater(61))).toMatchObject({ retriable: false });
    expect(canaryReadiness(canary(), target, secondsLater(61))).toMatchObject({ retriable: true });
    expect(canaryReadiness(canary(), target, secondsLater(601))).toMatchObject({ retriable: false });
    expect(
      primaryReadiness(canary(), deployment('podinfo-primary', 2, status), secondsLater(601)),
    ).toMatchObject({
      retriable: false,
    });
  });

  it('report a primary scaled to zero (Flagger never does, §9.3 #2), retriably', () => {
    const empty = { observedGeneration: 1, replicas: 0, updatedReplicas: 0, availableReplicas: 0 };
    expect(primaryReadiness(canary(), deployment('podinfo-primary', 0, empty), clock.now())).toEqual({
      ready: false,
      retriable: true,
      message: 'halt podinfo.test advancement: primary deployment is scaled to zero',
    });
    // The canary (target) at zero is the normal idle state: ready.
    expect(canaryReadiness(canary(), deployment('podinfo', 0, empty), clock.now())).toEqual({ ready: true });
  });
});
