import { describe, expect, it } from 'vitest';
import { FakeCluster, fakeCanary } from '../../test/support/scheduler-fakes.js';
import { CanaryFinalizer, nextFinalizers } from './canary-finalizers.js';
import { finalizeBackoffMs, finalizeCanary } from './finalize-canary.js';

const succeeded = { phase: 'Succeeded' as const, canaryWeight: 0, lastAppliedSpec: 'rev-2' };

function finalizing(cluster: FakeCluster, onSleep: () => void = () => {}) {
  const sleeps: number[] = [];
  const options = {
    scheduler: cluster.deps(),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      onSleep();
    },
    minAnalysisIntervalMs: 10_000,
  };
  return { sleeps, run: () => finalizeCanary(options, fakeCanary(succeeded, { interval: '1m' })) };
}

describe('finalizeBackoffMs', () => {
  it("waits 3 s, 6 s and 12 s between Flagger's four checks, each wait capped at the analysis interval", () => {
    expect(finalizeBackoffMs(60_000)).toEqual([3_000, 6_000, 12_000]);
    expect(finalizeBackoffMs(10_000)).toEqual([3_000, 6_000, 10_000]);
  });
});

describe('finalizeCanary', () => {
  it('moves to Terminating, hands the target back and waits until it is ready', async () => {
    const cluster = new FakeCluster();
    cluster.replicas = 0;
    cluster.canaryReady = { ready: false, retriable: true, message: 'waiting for rollout to finish' };
    // The rollout finishes during the first wait.
    const { sleeps, run } = finalizing(cluster, () => {
      cluster.canaryReady = { ready: true };
    });
    await run();
    expect(cluster.replicas).toBe(1);
    expect(cluster.lastStatus()).toMatchObject({ phase: 'Terminating', canaryWeight: 0 });
    expect(cluster.events.map((e) => `${e.phase} ${e.type} ${e.message}`)).toEqual([
      'Terminating Normal Terminating canary podinfo.test',
    ]);
    expect(sleeps).toEqual([3_000]);
  });

  it('gives up after four checks of a target that stays not ready', async () => {
    const cluster = new FakeCluster();
    cluster.canaryReady = { ready: false, retriable: true, message: 'waiting for rollout to finish' };
    const { sleeps, run } = finalizing(cluster);
    await expect(run()).rejects.toThrow('canary not ready during finalizing: waiting for rollout to finish');
    expect(sleeps).toEqual([3_000, 6_000, 12_000]);
  });

  it('does not wait for a target that cannot become ready', async () => {
    const cluster = new FakeCluster();
    cluster.canaryReady = { ready: false, retriable: false, message: 'exceeded its progress deadline' };
    const { sleeps, run } = finalizing(cluster);
    await expect(run()).rejects.toMatchObject({ code: 'target-not-ready' });
    expect(sleeps).toEqual([]);
  });
});

describe('nextFinalizers', () => {
  it('adds and removes finalizer.flagger.app, keeping the others; undefined when nothing changes', () => {
    expect(nextFinalizers(undefined, true)).toEqual([CanaryFinalizer]);
    expect(nextFinalizers(['other'], true)).toEqual(['other', CanaryFinalizer]);
    expect(nextFinalizers([CanaryFinalizer], true)).toBeUndefined();
    expect(nextFinalizers(['other', CanaryFinalizer], false)).toEqual(['other']);
    expect(nextFinalizers(['other'], false)).toBeUndefined();
  });
});
