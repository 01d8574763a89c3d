import { describe, expect, it } from 'vitest';
import { ManualClock, rfc3339 } from '../platform/clock.js';
import { type CoreEvent, EventNamer } from './core-event.js';
import { EventCorrelator } from './event-correlator.js';

function setup() {
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const namer = new EventNamer();
  const correlator = new EventCorrelator({ clock, namer });
  const event = (message: string, type: CoreEvent['type'] = 'Normal'): CoreEvent => {
    const now = clock.now();
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: namer.name('podinfo', now), namespace: 'test' },
      involvedObject: {
        kind: 'Canary',
        namespace: 'test',
        name: 'podinfo',
        uid: 'u1',
        apiVersion: 'flagger.app/v1beta1',
      },
      reason: 'Synced',
      message,
      source: { component: 'flagger' },
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type,
      reportingComponent: 'flagger',
    };
  };
  return { clock, correlator, event };
}

describe('EventCorrelator', () => {
  it('turns a repeat into a patch of the first Event: same name and firstTimestamp, count + 1', () => {
    const { clock, correlator, event } = setup();
    const first = correlator.correlate(event('Halt podinfo.test advancement success rate 69.17% < 99%'));
    expect(first.patch).toBeUndefined();
    clock.advance(60_000);
    const again = correlator.correlate(event('Halt podinfo.test advancement success rate 69.17% < 99%'));
    expect(again.event.metadata.name).toBe(first.event.metadata.name);
    expect(again.event.firstTimestamp).toBe('2026-03-01T10:00:00Z');
    expect(again.patch).toEqual({
      count: 2,
      lastTimestamp: '2026-03-01T10:01:00Z',
      message: 'Halt podinfo.test advancement success rate 69.17% < 99%',
    });
    clock.advance(60_000);
    expect(
      correlator.correlate(event('Halt podinfo.test advancement success rate 69.17% < 99%')).patch?.count,
    ).toBe(3);
  });

  it('keeps different messages and different types apart', () => {
    const { correlator, event } = setup();
    const a = correlator.correlate(event('Advance podinfo.test canary weight 10'));
    const b = correlator.correlate(event('Advance podinfo.test canary weight 20'));
    const c = correlator.correlate(event('Advance podinfo.test canary weight 10', 'Warning'));
    expect([a.patch, b.patch, c.patch]).toEqual([undefined, undefined, undefined]);
    expect(new Set([a, b, c].map((x) => x.event.metadata.name)).size).toBe(3);
  });

  it('combines the 10th and later distinct messages within 10 minutes into one Event', () => {
    const { clock, correlator, event } = setup();
    const results = [];
    for (let weight = 5; weight <= 60; weight += 5) {
      results.push(correlator.correlate(event(`Advance podinfo.test canary weight ${weight}`)));
      clock.advance(30_000);
    }
    expect(results.slice(0, 9).every((r) => !r.event.message.startsWith('(combined'))).toBe(true);
    expect(results.slice(9).map((r) => [r.event.message, r.event.count, r.patch !== undefined])).toEqual([
      ['(combined from similar events): Advance podinfo.test canary weight 50', 1, false],
      ['(combined from similar events): Advance podinfo.test canary weight 55', 2, true],
      ['(combined from similar events): Advance podinfo.test canary weight 60', 3, true],
    ]);
    expect(new Set(results.slice(9).map((r) => r.event.metadata.name)).size).toBe(1);
  });

  it('starts counting similar messages afresh after 10 quiet minutes', () => {
    const { clock, correlator, event } = setup();
    for (let i = 1; i <= 9; i++) correlator.correlate(event(`message ${i}`));
    clock.advance(600_001);
    const after = correlator.correlate(event('message 10'));
    expect(after.event.message).toBe('message 10');
  });
});

describe('EventNamer', () => {
  it('names Events <object>.<hex nanoseconds>, unique within one millisecond', () => {
    const namer = new EventNamer();
    const at = new Date('2026-03-01T10:00:00Z');
    const nanos = BigInt(at.getTime()) * 1_000_000n;
    expect(namer.name('podinfo', at)).toBe(`podinfo.${nanos.toString(16)}`);
    expect(namer.name('podinfo', at)).toBe(`podinfo.${(nanos + 1n).toString(16)}`);
  });
});
