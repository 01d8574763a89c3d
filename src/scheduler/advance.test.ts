import { describe, expect, it } from 'vitest';
import { FakeCluster, fakeCanary } from '../../test/support/scheduler-fakes.js';
import { ClientClosedError } from '../kube/kube-errors.js';
import { RouterError } from '../routers/router-error.js';
import { advanceCanary } from './advance.js';

const progressing = {
  phase: 'Progressing' as const,
  canaryWeight: 10,
  lastAppliedSpec: 'rev-2',
  lastPromotedSpec: 'rev-1',
};

describe('advanceCanary', () => {
  it('turns a failing step into a Warning with its text, kept in the status', async () => {
    const cluster = new FakeCluster();
    cluster.weights = { primary: 90, canary: 10, mirrored: false };
    cluster.failWrites = new RouterError('api-error', 'VirtualService podinfo.test update error: timeout');
    expect(await advanceCanary(cluster.deps(), fakeCanary(progressing))).toBe('halted');
    expect(cluster.events.map((e) => e.message)).toEqual([
      'VirtualService podinfo.test update error: timeout',
    ]);
    expect(cluster.lastStatus()?.message).toBe('VirtualService podinfo.test update error: timeout');
  });

  it('stops at once when the client is closed (leadership lost): no event, no status write', async () => {
    const cluster = new FakeCluster();
    cluster.weights = { primary: 90, canary: 10, mirrored: false };
    const closed = new ClientClosedError();
    cluster.failWrites = new RouterError('api-error', 'VirtualService podinfo.test update error', {
      cause: closed,
    });
    await expect(advanceCanary(cluster.deps(), fakeCanary(progressing))).rejects.toBe(cluster.failWrites);
    expect(cluster.events).toEqual([]);
    expect(cluster.statusWrites).toEqual([]);
  });

  it('also when scaling the canary up fails that way (Flagger goes on after other scale-up errors)', async () => {
    const cluster = new FakeCluster();
    cluster.failWrites = new ClientClosedError();
    const succeeded = { phase: 'Succeeded' as const, lastAppliedSpec: 'rev-1', lastPromotedSpec: 'rev-1' };
    await expect(advanceCanary(cluster.deps(), fakeCanary(succeeded))).rejects.toBe(cluster.failWrites);
    expect(cluster.events.map((e) => e.type)).not.toContain('Warning');
    expect(cluster.statusWrites).toEqual([]);
  });
});
