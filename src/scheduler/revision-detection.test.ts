import { describe, expect, it } from 'vitest';
import { FakeCluster, fakeCanary } from '../../test/support/scheduler-fakes.js';
import { advanceCanary } from './advance.js';

const failed = {
  phase: 'Failed' as const,
  canaryWeight: 0,
  lastAppliedSpec: 'rev-2',
  lastPromotedSpec: 'rev-1',
};

describe('revision detection (Flagger hasSpecChanged: the promoted revision never starts a run)', () => {
  it('a Failed canary stays idle, without writing, while its target keeps the failed revision', async () => {
    const cluster = new FakeCluster();
    cluster.revision = 'rev-2';
    expect(await advanceCanary(cluster.deps(), fakeCanary(failed))).toBe('idle');
    expect(cluster.statusWrites).toEqual([]);
    expect(cluster.events).toEqual([]);
  });

  it('a target reverted to the promoted revision starts nothing, but is recorded once as applied', async () => {
    const cluster = new FakeCluster();
    cluster.revision = 'rev-1';
    expect(await advanceCanary(cluster.deps(), fakeCanary(failed))).toBe('idle');
    expect(cluster.events).toEqual([]);
    expect(cluster.statusWrites).toHaveLength(1);
    expect(cluster.lastStatus()).toMatchObject({
      phase: 'Failed',
      lastAppliedSpec: 'rev-1',
      lastPromotedSpec: 'rev-1',
    });
    // Nothing left to record at the next tick.
    await advanceCanary(cluster.deps(), fakeCanary(cluster.lastStatus() ?? {}));
    expect(cluster.statusWrites).toHaveLength(1);
  });

  it('re-applying the failed revision after that revert is a new revision again (as in Flagger)', async () => {
    const cluster = new FakeCluster();
    cluster.revision = 'rev-2';
    cluster.replicas = 0;
    const reverted = { ...failed, lastAppliedSpec: 'rev-1' };
    expect(await advanceCanary(cluster.deps(), fakeCanary(reverted))).toBe('advanced');
    expect(cluster.events.map((e) => e.message)).toEqual(['New revision detected! Scaling up podinfo.test']);
    expect(cluster.lastStatus()).toMatchObject({ phase: 'Progressing', lastAppliedSpec: 'rev-2' });
    expect(cluster.replicas).toBe(1);
  });

  it('reverting to the promoted revision mid-run does not restart the analysis', async () => {
    const cluster = new FakeCluster();
    cluster.revision = 'rev-1';
    cluster.weights = { primary: 80, canary: 20, mirrored: false };
    const running = {
      phase: 'Progressing' as const,
      canaryWeight: 20,
      lastAppliedSpec: 'rev-2',
      lastPromotedSpec: 'rev-1',
    };
    await advanceCanary(cluster.deps(), fakeCanary(running));
    expect(cluster.events.map((e) => e.message)).toEqual(['Advance podinfo.test canary weight 30']);
  });

  it('any other revision mid-run restarts it from 100/0 with zeroed counters', async () => {
    const cluster = new FakeCluster();
    cluster.revision = 'rev-3';
    cluster.weights = { primary: 80, canary: 20, mirrored: false };
    const running = {
      phase: 'Progressing' as const,
      canaryWeight: 20,
      failedChecks: 2,
      lastAppliedSpec: 'rev-2',
      lastPromotedSpec: 'rev-1',
    };
    await advanceCanary(cluster.deps(), fakeCanary(running));
    expect(cluster.events.map((e) => e.message)).toEqual([
      'New revision detected! Restarting analysis for podinfo.test',
    ]);
    expect(cluster.weights).toEqual({ primary: 100, canary: 0, mirrored: false });
    expect(cluster.lastStatus()).toMatchObject({
      canaryWeight: 0,
      failedChecks: 0,
      lastAppliedSpec: 'rev-3',
    });
  });
});
