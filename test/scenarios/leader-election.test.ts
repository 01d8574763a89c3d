import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { type RunningOperator, startOperator } from '../../src/main/operator.js';
import { MemoryLogger } from '../../src/platform/logger.js';
import { eventually } from '../support/eventually.js';
import { LiveWorld } from '../support/live-world.js';
import { guideCanary } from '../support/scenario-canaries.js';

type Line = MemoryLogger['lines'][number];

/**
 * Two `weir operator` replicas with `-enable-leader-election` against one API server, on real timers with
 * short leases and 200 ms analysis ticks: only the leader acts; when it stops, the other takes the lease
 * and finishes the run.
 */
describe('two operator replicas, one leader', () => {
  let world: LiveWorld;
  const lines: Line[] = [];
  const replicas = new Map<string, RunningOperator>();
  const flags = [
    '-enable-leader-election',
    '-leader-election-lease-duration=2s',
    '-leader-election-renew-deadline=1s',
    '-leader-election-retry-period=100ms',
    '-min-analysis-interval=200ms',
  ];
  /** Canary events (log lines with a `canary` field) per replica, in the order they happened. */
  const events = () => lines.filter((l) => typeof l.fields.canary === 'string' && l.level !== 'debug');

  beforeAll(async () => {
    world = await LiveWorld.start();
    for (const name of ['a', 'b']) {
      const operator = await startOperator({
        config: loadConfig(world.flags(...flags), {}),
        logger: new MemoryLogger(lines, { replica: name }),
        version: 'test',
      });
      replicas.set(name, operator);
    }
    await world.raw.create(guideCanary({ analysis: { interval: '200ms', threshold: 2 } }));
  });
  afterAll(async () => {
    for (const operator of replicas.values()) await operator.stop();
    await world.stop();
  });

  it('exactly one replica leads and acts', async () => {
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Initialized'), 10_000);
    const leaders = [...replicas].filter(([, operator]) => operator.isLeader()).map(([name]) => name);
    expect(leaders).toHaveLength(1);
    expect(new Set(events().map((l) => l.fields.replica))).toEqual(new Set(leaders));
    expect(events().map((l) => l.msg)).toContain('Initialization done! podinfo.test');
  });

  it('when the leader stops mid-run, the other takes over and finishes it; never both at once', async () => {
    const [leader, leading] = [...replicas].find(([, operator]) => operator.isLeader()) ?? [];
    const follower = [...replicas.keys()].find((name) => name !== leader);
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await eventually(
      async () => expect((await world.canary()).status?.canaryWeight).toBeGreaterThanOrEqual(20),
      10_000,
    );
    await leading?.stop();
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Succeeded'), 15_000);
    expect(follower && replicas.get(follower)?.isLeader()).toBe(true);
    const order = events().map((l) => l.fields.replica);
    const handover = order.indexOf(follower);
    // The old leader's events all come before the new one's first: no interleaving, no double tick.
    expect(handover).toBeGreaterThan(0);
    expect(order.slice(0, handover).every((r) => r === leader)).toBe(true);
    expect(order.slice(handover).every((r) => r === follower)).toBe(true);
    const advances = events()
      .filter((l) => l.msg.startsWith('Advance podinfo.test canary weight'))
      .map((l) => l.msg);
    expect(advances).toEqual([10, 20, 30, 40, 50].map((w) => `Advance podinfo.test canary weight ${w}`));
    expect(
      events()
        .filter((l) => l.msg === 'Promotion completed! Scaling down podinfo.test')
        .map((l) => l.fields.replica),
    ).toEqual([follower]);
  });
});

/**
 * A leader that cannot renew its lease (the API server refuses lease updates) steps down: it stops acting
 * — a new revision meanwhile goes unnoticed — and acts again once it holds the lease again.
 */
describe('a replica that loses its lease and wins it back', () => {
  let world: LiveWorld;
  let operator: RunningOperator;
  const logger = new MemoryLogger();
  const canaryEvents = () =>
    logger.lines.filter((l) => typeof l.fields.canary === 'string').map((l) => l.msg);

  beforeAll(async () => {
    world = await LiveWorld.start();
    operator = await startOperator({
      config: loadConfig(
        world.flags(
          '-enable-leader-election',
          '-leader-election-lease-duration=1s',
          '-leader-election-renew-deadline=500ms',
          '-leader-election-retry-period=100ms',
          '-min-analysis-interval=200ms',
        ),
        {},
      ),
      logger,
      version: 'test',
    });
    await world.raw.create(guideCanary({ analysis: { interval: '200ms' } }));
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Initialized'), 10_000);
  });
  afterAll(async () => {
    world.api.server.faults.clear();
    await operator.stop();
    await world.stop();
  });

  it('stops acting while it does not lead, and resumes the run when it leads again', async () => {
    world.api.server.faults.set({
      errorRate: 1,
      errorCodes: [500],
      verbs: ['update'],
      resources: ['leases'],
    });
    await eventually(() => expect(operator.isLeader()).toBe(false), 5_000);
    expect(logger.lines.map((l) => l.msg)).toContain('Leadership lost');
    const seen = canaryEvents().length;
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    // Real time: several analysis intervals in which a leader would have reacted.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(canaryEvents().slice(seen)).toEqual([]);
    expect((await world.canary()).status?.phase).toBe('Initialized');
    world.api.server.faults.clear();
    await eventually(() => expect(operator.isLeader()).toBe(true), 5_000);
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Succeeded'), 15_000);
    expect(canaryEvents().slice(seen)[0]).toBe('New revision detected! Scaling up podinfo.test');
  });
});
