import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookChecksum } from '../../src/webhooks/webhook-payload.js';
import { type HttpRecorder, startHttpRecorder } from '../support/http-recorder.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

interface EventPayload {
  name: string;
  namespace: string;
  phase: string;
  checksum: string;
  metadata: Record<string, string>;
}

async function promote(world: OperatorHarness): Promise<void> {
  world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
  await world.applyPodinfo();
  await world.tickUntil((c) => c.status?.phase === 'Initialized');
  await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
  await world.tickUntil((c) => c.status?.phase === 'Succeeded');
}

/** Every event is POSTed to the `event` webhooks with Flagger's payload (§5.3). */
describe('event webhooks', () => {
  let receiver: HttpRecorder;
  beforeAll(async () => {
    receiver = await startHttpRecorder();
  });
  afterAll(async () => receiver.close());

  describe("the canary's own event hook", () => {
    let world: OperatorHarness;
    beforeAll(async () => {
      receiver.reset();
      world = await OperatorHarness.start();
      const hook = {
        name: 'audit',
        type: 'event' as const,
        url: receiver.url('/audit'),
        metadata: { team: 'payments', eventType: 'not-mine' },
      };
      await world.apply(guideCanary({ analysis: { webhooks: [hook] } }));
      await promote(world);
    });
    afterAll(async () => world.stop());

    it('receives one POST per event, in order, with the event in the metadata', () => {
      const payloads = receiver.received('/audit').map((r) => r.json<EventPayload>());
      expect(payloads.map((p) => p.metadata.eventMessage)).toEqual(world.recorded.map((e) => e.message));
      expect(payloads.map((p) => p.metadata.eventType)).toEqual(world.recorded.map((e) => e.type));
      expect(payloads.map((p) => p.phase)).toEqual(world.recorded.map((e) => e.phase));
      for (const payload of payloads) {
        expect(Object.keys(payload)).toEqual(['name', 'namespace', 'phase', 'checksum', 'metadata']);
        expect(Object.keys(payload.metadata)).toEqual(['eventMessage', 'eventType', 'team', 'timestamp']);
        expect(payload).toMatchObject({ name: 'podinfo', namespace: 'test', metadata: { team: 'payments' } });
      }
      expect(receiver.received('/audit').every((r) => r.headers['content-type'] === 'application/json')).toBe(
        true,
      );
    });

    it("stamps each with the clock's time and the revision's checksum at that moment", async () => {
      const payloads = receiver.received('/audit').map((r) => r.json<EventPayload>());
      const first = payloads[0];
      const last = payloads.at(-1);
      // The first tick ran at the clock's start; each tick advances it a minute.
      expect(first?.metadata.timestamp).toBe(String(Date.parse('2026-06-01T10:00:00Z')));
      expect(Number(last?.metadata.timestamp)).toBeGreaterThan(Number(first?.metadata.timestamp));
      expect(last?.checksum).toBe(webhookChecksum((await world.canary()).status));
      expect(first?.checksum).toBe(webhookChecksum(undefined));
      expect(new Set(payloads.map((p) => p.checksum)).size).toBe(3);
    });
  });

  describe('the global -event-webhook', () => {
    let world: OperatorHarness;
    beforeAll(async () => {
      receiver.reset();
      world = await OperatorHarness.start({ flags: [`-event-webhook=${receiver.url('/global')}`] });
      await world.apply(guideCanary());
      await promote(world);
    });
    afterAll(async () => world.stop());

    it('receives the events of canaries without event hooks', () => {
      const payloads = receiver.received('/global').map((r) => r.json<EventPayload>());
      expect(payloads.map((p) => p.metadata.eventMessage)).toEqual(world.recorded.map((e) => e.message));
      expect(Object.keys(payloads[0]?.metadata ?? {})).toEqual(['eventMessage', 'eventType', 'timestamp']);
    });
  });
});
