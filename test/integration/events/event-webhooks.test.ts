import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Canary, CanaryWebhook } from '../../../src/apis/index.js';
import { KubeCanaryEvents } from '../../../src/events/kube-canary-events.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { HttpWebhookRunner } from '../../../src/webhooks/http-webhook-runner.js';
import { webhookChecksum } from '../../../src/webhooks/webhook-payload.js';
import { podinfoCanary } from '../../support/canary.js';
import { type HttpRecorder, startHttpRecorder } from '../../support/http-recorder.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

interface EventPayload {
  name: string;
  namespace: string;
  phase: string;
  checksum: string;
  metadata: Record<string, string>;
}

describe('event webhooks of KubeCanaryEvents', () => {
  let api: TestApi;
  let kube: TestKube;
  let receiver: HttpRecorder;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  let logger = new MemoryLogger();

  const funnel = (eventWebhook?: string) =>
    new KubeCanaryEvents({
      kube: kube.client,
      cluster: kube.cache,
      logger,
      clock,
      webhooks: new HttpWebhookRunner({ sleep: async () => {}, clock }),
      ...(eventWebhook ? { eventWebhook } : {}),
    });
  const withHooks = (...webhooks: CanaryWebhook[]): Canary => podinfoCanary({ analysis: { webhooks } });
  const messages = (path: string) =>
    receiver.received(path).map((r) => r.json<EventPayload>().metadata.eventMessage);

  beforeAll(async () => {
    api = await startTestApi({ inMemory: true });
    kube = testKube(api.kubeconfig);
    await api.kubectl.ok(['create', 'namespace', 'test']);
    receiver = await startHttpRecorder();
  });
  afterEach(() => {
    receiver.reset();
    logger = new MemoryLogger();
  });
  afterAll(async () => {
    await receiver.close();
    kube.cache.stop();
    await api.stop();
  });

  it("POSTs each event with eventMessage, eventType and timestamp merged over the hook's metadata", async () => {
    const canary = withHooks(
      { name: 'load-test', type: 'rollout', url: receiver.url('/rollout') },
      {
        name: 'audit',
        type: 'event',
        url: receiver.url('/audit'),
        metadata: { environment: 'production', eventType: 'spoofed', timestamp: 'spoofed' },
      },
    );
    const events = funnel(receiver.url('/global'));
    events.normal(canary, 'Advance podinfo.test canary weight 10');
    clock.advance(1500);
    events.warning(canary, 'Halt podinfo.test advancement success rate 69.17% < 99%');
    await events.flush();
    expect(receiver.received('/audit').map((r) => r.json())).toEqual([
      {
        name: 'podinfo',
        namespace: 'test',
        phase: 'Progressing',
        checksum: webhookChecksum(canary.status),
        metadata: {
          environment: 'production',
          eventType: 'Normal',
          timestamp: String(Date.parse('2026-03-01T10:00:00Z')),
          eventMessage: 'Advance podinfo.test canary weight 10',
        },
      },
      {
        name: 'podinfo',
        namespace: 'test',
        phase: 'Progressing',
        checksum: webhookChecksum(canary.status),
        metadata: {
          environment: 'production',
          eventType: 'Warning',
          timestamp: String(Date.parse('2026-03-01T10:00:01.500Z')),
          eventMessage: 'Halt podinfo.test advancement success rate 69.17% < 99%',
        },
      },
    ]);
    // Only event hooks get events; the global webhook is for canaries that have none.
    expect(receiver.received('/rollout')).toEqual([]);
    expect(receiver.received('/global')).toEqual([]);
  });

  it('sends to every event hook of the canary, in emission order', async () => {
    const canary = withHooks(
      { name: 'a', type: 'event', url: receiver.url('/a') },
      { name: 'b', type: 'event', url: receiver.url('/b') },
    );
    const events = funnel();
    const sent = [
      'Starting canary analysis for podinfo.test',
      'Pre-rollout check smoke passed',
      'Advance podinfo.test canary weight 10',
      'Advance podinfo.test canary weight 20',
    ];
    for (const message of sent) events.normal(canary, message);
    await events.flush();
    expect(messages('/a')).toEqual(sent);
    expect(messages('/b')).toEqual(sent);
  });

  it('posts to the global -event-webhook when the canary has no event hook', async () => {
    const events = funnel(receiver.url('/global'));
    events.normal(podinfoCanary(), 'Promotion completed! Scaling down podinfo.test');
    await events.flush();
    expect(receiver.received('/global').map((r) => r.json<EventPayload>())).toEqual([
      expect.objectContaining({
        name: 'podinfo',
        phase: 'Progressing',
        metadata: expect.objectContaining({
          eventMessage: 'Promotion completed! Scaling down podinfo.test',
          eventType: 'Normal',
        }),
      }),
    ]);
  });

  it('describes the canary as it was when the event happened', async () => {
    const canary = withHooks({ name: 'audit', type: 'event', url: receiver.url('/audit') });
    const events = funnel();
    events.normal(canary, 'Copying podinfo.test template spec to podinfo-primary.test');
    canary.status!.phase = 'Promoting';
    canary.status!.lastAppliedSpec = 'changed';
    await events.flush();
    const [payload] = receiver.received('/audit').map((r) => r.json<EventPayload>());
    expect(payload?.phase).toBe('Progressing');
    expect(payload?.checksum).toBe(webhookChecksum(podinfoCanary().status));
  });

  it('logs a failed delivery and keeps delivering', async () => {
    const canary = withHooks({ name: 'audit', type: 'event', url: receiver.url('/audit') });
    receiver.reply({ status: 500, body: 'audit log full' });
    const events = funnel();
    events.normal(canary, 'first');
    events.normal(canary, 'second');
    await events.flush();
    expect(messages('/audit')).toEqual(['first', 'second']);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([
      {
        level: 'error',
        msg: 'error sending event to webhook: audit log full',
        fields: { canary: 'podinfo.test', namespace: 'test' },
      },
    ]);
  });
});
