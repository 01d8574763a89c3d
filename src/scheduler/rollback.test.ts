import { describe, expect, it } from 'vitest';
import { FakeCluster, fakeCanary } from '../../test/support/scheduler-fakes.js';
import { advanceCanary } from './advance.js';

const halted = {
  phase: 'Progressing' as const,
  canaryWeight: 10,
  failedChecks: 5,
  lastAppliedSpec: 'rev-2',
  lastPromotedSpec: 'rev-1',
  message: 'Halt podinfo.test advancement success rate 69.17% < 99%',
};

describe('rollback', () => {
  it('reports `Canary failed!` with phase Failed, as Flagger emits it on a copy marked Failed', async () => {
    const cluster = new FakeCluster();
    cluster.weights = { primary: 90, canary: 10, mirrored: false };
    await advanceCanary(cluster.deps(), fakeCanary(halted));
    expect(cluster.events.map((e) => `${e.phase} ${e.type} ${e.message}`)).toEqual([
      'Progressing Warning Rolling back podinfo.test failed checks threshold reached 5',
      'Failed Warning Canary failed! Scaling down podinfo.test',
    ]);
    expect(cluster.weights).toEqual({ primary: 100, canary: 0, mirrored: false });
    expect(cluster.replicas).toBe(0);
  });

  it('keeps why in status.message: the threshold and the last failure', async () => {
    const cluster = new FakeCluster();
    await advanceCanary(cluster.deps(), fakeCanary(halted));
    expect(cluster.lastStatus()).toMatchObject({
      phase: 'Failed',
      message:
        'Canary failed: Rolling back podinfo.test failed checks threshold reached 5; ' +
        'last failure: Halt podinfo.test advancement success rate 69.17% < 99%',
    });
  });

  it('falls back to the first failing metric when the last message was not a halt', async () => {
    const cluster = new FakeCluster();
    const status = {
      ...halted,
      message: 'restarted',
      checks: [
        { name: 'request-success-rate', outcome: 'no-data' as const, message: 'Halt advancement no values' },
      ],
    };
    await advanceCanary(cluster.deps(), fakeCanary(status));
    expect(cluster.lastStatus()?.message).toContain('; last failure: Halt advancement no values');
  });
});
