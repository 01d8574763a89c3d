import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import type { DaemonSet } from '../kube/api/apps-v1.js';
import {
  canaryDaemonSetReadiness,
  daemonSetRollout,
  primaryDaemonSetReadiness,
} from './daemonset-readiness.js';

function daemonSet(name: string, status: DaemonSet['status'], generation = 1): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'test', generation },
    spec: { selector: { matchLabels: { app: name } }, template: { spec: { containers: [] } } },
    status,
  };
}

const rolledOut = {
  observedGeneration: 1,
  desiredNumberScheduled: 4,
  updatedNumberScheduled: 4,
  numberAvailable: 4,
};
const start = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const check = (now: Date, readyThreshold = 100) => ({
  readyThreshold,
  since: start,
  deadlineSeconds: 60,
  now,
});

describe('daemonSetRollout (Flagger isDaemonSetReady)', () => {
  it('is ready when every desired pod is updated and available', () => {
    expect(daemonSetRollout(daemonSet('ds', rolledOut), check(at(0)))).toEqual({ ready: true });
    // Scaled to zero: nothing desired, nothing to wait for.
    expect(daemonSetRollout(daemonSet('ds', { observedGeneration: 1 }), check(at(0)))).toEqual({
      ready: true,
    });
  });

  it('waits for the controller to observe the generation, then for updates, then for availability', () => {
    expect(daemonSetRollout(daemonSet('ds', rolledOut, 2), check(at(0)))).toEqual({
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: observed daemonset generation less than desired generation',
    });
    expect(
      daemonSetRollout(daemonSet('ds', { ...rolledOut, updatedNumberScheduled: 1 }), check(at(0))),
    ).toEqual({
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: 1 out of 4 new pods have been updated',
    });
    expect(daemonSetRollout(daemonSet('ds', { ...rolledOut, numberAvailable: 2 }), check(at(0), 75))).toEqual(
      {
        ready: false,
        retriable: true,
        message: 'waiting for rollout to finish: 2 of 3 (readyThreshold 75%) updated pods are available',
      },
    );
    expect(daemonSetRollout(daemonSet('ds', { ...rolledOut, numberAvailable: 2 }), check(at(0), 50))).toEqual(
      {
        ready: true,
      },
    );
  });

  it('gives up once progressDeadlineSeconds passed since the run last moved', () => {
    const stuck = daemonSet('ds', { ...rolledOut, numberAvailable: 0 });
    expect(daemonSetRollout(stuck, check(at(60)))).toMatchObject({ ready: false, retriable: true });
    expect(daemonSetRollout(stuck, check(at(61)))).toEqual({
      ready: false,
      retriable: false,
      message: 'exceeded its progressDeadlineSeconds: 60',
    });
    expect(daemonSetRollout(stuck, { ...check(at(3600)), since: undefined })).toMatchObject({
      retriable: true,
    });
  });
});

describe('primaryDaemonSetReadiness and canaryDaemonSetReadiness', () => {
  const canary = {
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      analysis: { canaryReadyThreshold: 50 },
    },
    status: { lastTransitionTime: '2026-01-01T00:00:00Z' },
  } as unknown as Canary;
  const half = { ...rolledOut, numberAvailable: 2 };

  it("word them as Flagger does, with each side's threshold and the Canary's deadline", () => {
    expect(primaryDaemonSetReadiness(canary, daemonSet('podinfo-primary', half), at(10))).toEqual({
      ready: false,
      retriable: true,
      message:
        'podinfo-primary.test not ready: waiting for rollout to finish: 2 of 4 (readyThreshold 100%) updated pods are available',
    });
    expect(canaryDaemonSetReadiness(canary, daemonSet('podinfo', half), at(10))).toEqual({ ready: true });
    expect(
      canaryDaemonSetReadiness(canary, daemonSet('podinfo', { ...half, numberAvailable: 0 }), at(61)),
    ).toEqual({
      ready: false,
      retriable: false,
      message: 'canary daemonset podinfo.test not ready: exceeded its progressDeadlineSeconds: 60',
    });
  });
});
