import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertProvider } from '../../src/apis/index.js';
import { type HttpRecorder, type RecordedRequest, startHttpRecorder } from '../support/http-recorder.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

type SlackBody = { attachments: { text: string }[] };
type TeamsBody = { sections: { activityTitle: string }[] };
type ChatBody = { cards: { sections: { widgets: { textParagraph: { text: string } }[] }[] }[] };

const failedCheck = 'request-success-rate 69.17% < 99%';
const initialized = 'New Deployment detected, initialization completed.';
const waiting = 'Canary is waiting for approval.';
const newRevision = 'New revision detected, progressing canary analysis.';
const failed = 'Failed checks threshold reached 5';

const slackTexts = (requests: RecordedRequest[]) =>
  requests.map((r) => r.json<SlackBody>().attachments[0]?.text);

let chat: HttpRecorder;
let proxy: HttpRecorder;
let root: OperatorHarness;
beforeAll(async () => {
  chat = await startHttpRecorder();
  proxy = await startHttpRecorder();
  root = await OperatorHarness.start({
    flags: [`-slack-url=${chat.url('/global')}`, '-cluster-name=prod-eu'],
  });
  // The guide's rollback: the canary answers 30 % errors.
  root.prometheus.answer(istioQueries.successRate, 69.17).answer(istioQueries.duration, 120);
});
afterAll(async () => {
  await root?.stop();
  await chat?.close();
  await proxy?.close();
});

/** Initializes podinfo, deploys a new image and ticks until the run failed. */
async function failedRollout(world: OperatorHarness, beforeRun: () => Promise<void> = async () => {}) {
  await world.applyPodinfo();
  await world.tickUntil((c) => c.status?.phase === 'Initialized');
  await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
  await beforeRun();
  await world.tickUntil((c) => c.status?.phase === 'Failed');
}

describe('a canary without alerts: the global Slack notifier (-slack-url, -cluster-name)', () => {
  beforeAll(async () => {
    await root.apply(guideCanary());
    await failedRollout(root);
  });

  it('gets every alert of the run, in order', () => {
    expect(slackTexts(chat.received('/global'))).toEqual([initialized, newRevision, failed]);
  });

  it("adds the cluster and Flagger's metadata fields to the initialization and new-revision alerts", () => {
    const [init] = chat.received('/global');
    expect(init?.json()).toEqual({
      channel: 'general',
      username: 'flagger',
      icon_url: '',
      icon_emoji: ':rocket:',
      attachments: [
        {
          color: 'good',
          author_name: 'podinfo.test',
          text: initialized,
          mrkdwn_in: ['text'],
          fields: [
            { title: 'Cluster', value: 'prod-eu', short: false },
            { title: 'Target', value: 'Deployment/podinfo.test', short: false },
            { title: 'Failed checks threshold', value: '5', short: false },
            { title: 'Progress deadline', value: '60s', short: false },
            { title: 'Traffic routing', value: 'Weight step: 10 max: 50', short: false },
          ],
        },
      ],
    });
  });

  it('says in the rollback alert which check failed, with the measured value and the threshold', () => {
    const rollback = chat.received('/global').at(-1);
    expect(rollback?.headers['content-type']).toBe('application/json');
    expect(rollback?.json()).toEqual({
      channel: 'general',
      username: 'flagger',
      icon_url: '',
      icon_emoji: ':rocket:',
      attachments: [
        {
          color: 'danger',
          author_name: 'podinfo.test',
          text: failed,
          mrkdwn_in: ['text'],
          fields: [
            { title: 'Cluster', value: 'prod-eu', short: false },
            { title: 'Failed check', value: failedCheck, short: false },
          ],
        },
      ],
    });
  });
});

describe('per-canary alerts through AlertProviders, routed by severity', () => {
  let world: OperatorHarness;
  let gateOpen = false;
  const provider = (name: string, spec: AlertProvider['spec']): AlertProvider => ({
    apiVersion: 'flagger.app/v1beta1',
    kind: 'AlertProvider',
    metadata: { name, namespace: 'alerting' },
    spec,
  });
  const secret = (name: string, data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'alerting' },
    stringData: data,
  });

  beforeAll(async () => {
    world = await OperatorHarness.sibling(root, {
      namespace: 'alerting',
      flags: [`-slack-url=${chat.url('/global-unused')}`, '-cluster-name=prod-eu'],
    });
    chat.respondWith((request) =>
      request.path === '/gate' && !gateOpen ? { status: 403, body: 'closed' } : { status: 200, body: 'ok' },
    );
    await world.apply(secret('discord-hook', { address: chat.url('/api/webhooks/1/abc') }));
    await world.apply(secret('slack-hook', { address: chat.url('/slack'), token: 'xoxb-123' }));
    await world.apply(provider('teams', { type: 'msteams', address: chat.url('/teams') }));
    await world.apply(
      provider('discord', { type: 'discord', channel: 'deploys', secretRef: { name: 'discord-hook' } }),
    );
    await world.apply(
      provider('rocket', { type: 'rocket', address: chat.url('/rocket'), proxy: proxy.url() }),
    );
    await world.apply(provider('gchat', { type: 'gchat', address: chat.url('/gchat') }));
    await world.apply(
      provider('slack', { type: 'slack', username: 'weir', secretRef: { name: 'slack-hook' } }),
    );
    await world.apply(
      guideCanary({
        namespace: 'alerting',
        analysis: {
          webhooks: [{ name: 'approval', type: 'confirm-rollout', url: chat.url('/gate') }],
          alerts: [
            { name: 'everything', severity: '', providerRef: { name: 'teams' } },
            { name: 'warnings', severity: 'warn', providerRef: { name: 'discord' } },
            { name: 'errors', severity: 'error', providerRef: { name: 'rocket' } },
            { name: 'infos', severity: 'info', providerRef: { name: 'gchat' } },
            { name: 'pages', severity: 'error', providerRef: { name: 'slack' } },
          ],
        },
      }),
    );
    await failedRollout(world, async () => {
      await world.tick();
      gateOpen = true;
    });
  });
  afterAll(async () => world?.stop());

  it('sends info alerts to info (and empty-severity) alerts, warnings to warn, errors to all', () => {
    const teams = chat.received('/teams').map((r) => r.json<TeamsBody>().sections[0]?.activityTitle);
    expect(teams).toEqual([initialized, waiting, newRevision, failed]);
    const gchat = chat
      .received('/gchat')
      .map((r) => r.json<ChatBody>().cards[0]?.sections[0]?.widgets[0]?.textParagraph.text);
    expect(gchat).toEqual(
      [initialized, waiting, newRevision, failed].map(
        (m) => `<font color=#848484><strong>${m}</strong></font>`,
      ),
    );
    expect(slackTexts(chat.received('/api/webhooks/1/abc/slack'))).toEqual([waiting, failed]);
    expect(slackTexts(chat.received('/slack'))).toEqual([failed]);
    expect(chat.received('/global-unused')).toEqual([]);
  });

  it("posts each service's payload for the failed rollout, with the failed check", () => {
    const facts = [
      { name: 'Cluster', value: 'prod-eu' },
      { name: 'Failed check', value: failedCheck },
    ];
    expect(chat.received('/teams').at(-1)?.json()).toEqual({
      '@type': 'MessageCard',
      '@context': 'http://schema.org/extensions',
      themeColor: 'FF0000',
      summary: 'podinfo.alerting',
      sections: [{ activityTitle: failed, activitySubtitle: 'podinfo.alerting', facts }],
    });
    const paragraph = (text: string) => ({ widgets: [{ textParagraph: { text } }] });
    const grey = (text: string) => `<font color=#848484><strong>${text}</strong></font>`;
    expect(chat.received('/gchat').at(-1)?.json()).toEqual({
      cards: [
        {
          header: {
            title: 'Flagger',
            subtitle: 'podinfo.alerting',
            imageUrl: 'https://flagger.app/favicon.png',
          },
          sections: [
            paragraph(grey(failed)),
            ...facts.map((f) => paragraph(`${f.name}<br>${grey(f.value)}`)),
          ],
        },
      ],
    });
    const slackFields = facts.map((f) => ({ title: f.name, value: f.value, short: false }));
    const slackLike = (channel: string, username: string, color: string) => ({
      channel,
      username,
      icon_url: '',
      icon_emoji: ':rocket:',
      attachments: [
        { color, author_name: 'podinfo.alerting', text: failed, mrkdwn_in: ['text'], fields: slackFields },
      ],
    });
    expect(chat.received('/api/webhooks/1/abc/slack').at(-1)?.json()).toEqual(
      slackLike('deploys', 'flagger', 'danger'),
    );
    const slack = chat.received('/slack').at(-1);
    expect(slack?.json()).toEqual(slackLike('general', 'weir', 'danger'));
    expect(slack?.headers.authorization).toBe('Bearer xoxb-123');
    const rocket = proxy.requests.at(-1);
    expect(rocket?.url).toBe(chat.url('/rocket'));
    expect(rocket?.json()).toEqual(slackLike('general', 'flagger', '#FF0000'));
  });

  it("reaches Rocket.Chat through the AlertProvider's proxy only, and only with errors", () => {
    expect(proxy.requests.map((r) => [r.method, r.url])).toEqual([['POST', chat.url('/rocket')]]);
    expect(chat.received('/rocket')).toEqual([]);
  });
});
