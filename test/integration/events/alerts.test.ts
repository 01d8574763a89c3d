import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlertProvider, Canary, CanaryAlert } from '../../../src/apis/index.js';
import { KubeCanaryEvents } from '../../../src/events/kube-canary-events.js';
import { createNotifier } from '../../../src/notifiers/notifier-factory.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { HttpWebhookRunner } from '../../../src/webhooks/http-webhook-runner.js';
import { podinfoCanary } from '../../support/canary.js';
import { type HttpRecorder, startHttpRecorder } from '../../support/http-recorder.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

type SlackBody = {
  channel: string;
  username: string;
  attachments: { color: string; text: string; fields: { title: string; value: string }[] }[];
};

describe('alerts of KubeCanaryEvents, routed through AlertProviders in the cluster', () => {
  let api: TestApi;
  let kube: TestKube;
  let chat: HttpRecorder;
  let logger = new MemoryLogger();
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const alertProviders = { apiVersion: 'flagger.app/v1beta1', kind: 'AlertProvider' };

  const funnel = (globalUrl?: string) =>
    new KubeCanaryEvents({
      kube: kube.client,
      cluster: kube.cache,
      logger,
      clock,
      webhooks: new HttpWebhookRunner({ sleep: async () => {}, clock }),
      clusterName: 'prod-eu',
      ...(globalUrl
        ? {
            globalNotifier: createNotifier({
              type: 'slack',
              url: globalUrl,
              username: 'flagger',
              channel: 'general',
            }),
          }
        : {}),
    });
  const withAlerts = (...alerts: CanaryAlert[]): Canary => podinfoCanary({ analysis: { alerts } });
  const texts = (path: string) => chat.received(path).map((r) => r.json<SlackBody>().attachments[0]?.text);

  beforeAll(async () => {
    api = await startTestApi({ inMemory: true });
    kube = testKube(api.kubeconfig);
    chat = await startHttpRecorder();
    await api.kubectl.ok(['apply', '-f', 'deploy/crds/crds.yaml']);
    await api.kubectl.ok(['create', 'namespace', 'test']);
    await api.kubectl.ok(['create', 'namespace', 'monitoring']);
    const provider = (namespace: string, name: string, spec: AlertProvider['spec']): AlertProvider => ({
      ...alertProviders,
      metadata: { name, namespace },
      spec,
    });
    const secret = (name: string, data: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'test' },
      stringData: data,
    });
    await kube.raw.create(
      provider('test', 'on-call', { type: 'slack', channel: 'on-call', address: chat.url('/on-call') }),
    );
    await kube.raw.create(provider('test', 'team', { type: 'slack', secretRef: { name: 'team-hook' } }));
    await kube.raw.create(provider('monitoring', 'teams', { type: 'msteams', address: chat.url('/teams') }));
    await kube.raw.create(
      provider('test', 'no-address', { type: 'slack', secretRef: { name: 'token-only' } }),
    );
    await kube.raw.create(secret('team-hook', { address: chat.url('/team'), token: 'xoxb-123' }));
    await kube.raw.create(secret('token-only', { token: 'xoxb-456' }));
    kube.cache.track(alertProviders);
    await kube.cache.synced();
  });
  afterEach(() => {
    chat.reset();
    logger = new MemoryLogger();
  });
  afterAll(async () => {
    await chat.close();
    kube.cache.stop();
    await api.stop();
  });

  it('sends every alert of a canary without alerts to the global notifier, with the metadata fields', async () => {
    const events = funnel(chat.url('/global'));
    events.alert(podinfoCanary(), 'New revision detected, progressing canary analysis.', 'info', true);
    events.alert(podinfoCanary(), 'Failed checks threshold reached 5', 'error', false);
    await events.flush();
    const [info, error] = chat.received('/global').map((r) => r.json<SlackBody>());
    expect(info?.attachments[0]).toMatchObject({
      color: 'good',
      text: 'New revision detected, progressing canary analysis.',
      fields: [
        { title: 'Cluster', value: 'prod-eu' },
        { title: 'Target', value: 'Deployment/podinfo.test' },
        { title: 'Failed checks threshold', value: '5' },
        { title: 'Progress deadline', value: '600s' },
        { title: 'Traffic routing', value: 'Weight step: 10 max: 50' },
      ],
    });
    expect(error?.attachments[0]).toMatchObject({
      color: 'danger',
      fields: [{ title: 'Cluster', value: 'prod-eu' }],
    });
  });

  it('routes by severity: info everything, warn warnings and errors, error errors; empty means info', async () => {
    const canary = withAlerts(
      { name: 'all', severity: '', providerRef: { name: 'team' } },
      { name: 'warnings', severity: 'warn', providerRef: { name: 'teams', namespace: 'monitoring' } },
      { name: 'pages', severity: 'error', providerRef: { name: 'on-call' } },
    );
    const events = funnel(chat.url('/global'));
    events.alert(canary, 'Canary analysis completed successfully, promotion finished.', 'info', false);
    events.alert(canary, 'Canary is waiting for approval.', 'warn', false);
    events.alert(canary, 'Failed checks threshold reached 5', 'error', false);
    await events.flush();
    expect(texts('/team')).toEqual([
      'Canary analysis completed successfully, promotion finished.',
      'Canary is waiting for approval.',
      'Failed checks threshold reached 5',
    ]);
    expect(
      chat
        .received('/teams')
        .map((r) => r.json<{ sections: { activityTitle: string }[] }>().sections[0]?.activityTitle),
    ).toEqual(['Canary is waiting for approval.', 'Failed checks threshold reached 5']);
    expect(texts('/on-call')).toEqual(['Failed checks threshold reached 5']);
    expect(chat.received('/global')).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it('takes address and token from the Secret, username flagger and channel general by default', async () => {
    const events = funnel();
    events.alert(
      withAlerts({ name: 'all', providerRef: { name: 'team' } }),
      'Canary is waiting for approval.',
      'warn',
      false,
    );
    events.alert(
      withAlerts({ name: 'pages', providerRef: { name: 'on-call' } }),
      'Canary is waiting for approval.',
      'warn',
      false,
    );
    await events.flush();
    const [team] = chat.received('/team');
    expect(team?.headers.authorization).toBe('Bearer xoxb-123');
    expect(team?.json()).toMatchObject({ channel: 'general', username: 'flagger' });
    expect(chat.received('/on-call')[0]?.json()).toMatchObject({ channel: 'on-call', username: 'flagger' });
  });

  it('logs a missing provider or a Secret without address, and still serves the other alerts', async () => {
    const canary = withAlerts(
      { name: 'gone', providerRef: { name: 'missing' } },
      { name: 'broken', providerRef: { name: 'no-address' } },
      { name: 'pages', providerRef: { name: 'on-call' } },
    );
    const events = funnel();
    events.alert(canary, 'Failed checks threshold reached 5', 'error', false);
    await events.flush();
    expect(texts('/on-call')).toEqual(['Failed checks threshold reached 5']);
    expect(logger.lines.map((l) => [l.level, l.msg, l.fields.canary])).toEqual([
      [
        'error',
        'alert provider missing.test error: alertprovider.flagger.app "missing" not found',
        'podinfo.test',
      ],
      [
        'error',
        'alert provider no-address.test error: secret token-only does not contain an address',
        'podinfo.test',
      ],
    ]);
  });

  it('logs a notifier that rejects the message', async () => {
    chat.reply({ status: 410, body: 'channel_is_archived' });
    const events = funnel();
    events.alert(
      withAlerts({ name: 'pages', providerRef: { name: 'on-call' } }),
      'Rolling back manual webhook invoked',
      'warn',
      false,
    );
    await events.flush();
    expect(logger.lines.map((l) => l.msg)).toEqual([
      'alert provider on-call.test error: sending notification bad response 410: channel_is_archived',
    ]);
  });
});
