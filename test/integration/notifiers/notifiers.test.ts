import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NotifierMessage } from '../../../src/notifiers/notifier.js';
import { createNotifier } from '../../../src/notifiers/notifier-factory.js';
import { type HttpRecorder, startHttpRecorder } from '../../support/http-recorder.js';

const message = (severity: NotifierMessage['severity']): NotifierMessage => ({
  workload: 'podinfo',
  namespace: 'test',
  message: 'New revision detected, progressing canary analysis.',
  fields: [
    { name: 'Target', value: 'Deployment/podinfo.test' },
    { name: 'Failed checks threshold', value: '5' },
  ],
  severity,
});

describe('notifiers against a local stand-in for the chat services', () => {
  let chat: HttpRecorder;
  const who = { username: 'flagger', channel: 'general' };

  beforeAll(async () => {
    chat = await startHttpRecorder();
  });
  afterEach(() => chat.reset());
  afterAll(() => chat.close());

  it("posts Slack's attachment payload with a Bearer token, danger for errors", async () => {
    const slack = createNotifier({ type: 'slack', url: chat.url('/slack'), token: 's3cr3t', ...who });
    await slack.post(message('info'));
    await slack.post(message('error'));
    const [info, error] = chat.received('/slack');
    expect(info?.headers.authorization).toBe('Bearer s3cr3t');
    expect(info?.headers['content-type']).toBe('application/json');
    expect(info?.json()).toEqual({
      channel: 'general',
      username: 'flagger',
      icon_url: '',
      icon_emoji: ':rocket:',
      attachments: [
        {
          color: 'good',
          author_name: 'podinfo.test',
          text: 'New revision detected, progressing canary analysis.',
          mrkdwn_in: ['text'],
          fields: [
            { title: 'Target', value: 'Deployment/podinfo.test', short: false },
            { title: 'Failed checks threshold', value: '5', short: false },
          ],
        },
      ],
    });
    expect(error?.json()).toMatchObject({ attachments: [{ color: 'danger' }] });
  });

  it('sends no Authorization header without a token, and only Slack sends one', async () => {
    await createNotifier({ type: 'slack', url: chat.url('/slack'), ...who }).post(message('warn'));
    await createNotifier({ type: 'rocket', url: chat.url('/rocket'), token: 't', ...who }).post(
      message('warn'),
    );
    expect(chat.requests.map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
    expect(chat.received('/slack')[0]?.json()).toMatchObject({ attachments: [{ color: 'good' }] });
  });

  it('posts Slack-formatted payloads to Discord at /slack and to Rocket.Chat in blue and red', async () => {
    await createNotifier({ type: 'discord', url: chat.url('/api/webhooks/1/abc'), ...who }).post(
      message('info'),
    );
    const rocket = createNotifier({ type: 'rocket', url: chat.url('/rocket'), ...who });
    await rocket.post(message('warn'));
    await rocket.post(message('error'));
    expect(chat.received('/api/webhooks/1/abc/slack')[0]?.json()).toMatchObject({
      channel: 'general',
      username: 'flagger',
      icon_emoji: ':rocket:',
      attachments: [{ color: 'good', author_name: 'podinfo.test' }],
    });
    expect(
      chat
        .received('/rocket')
        .map((r) => r.json<{ attachments: { color: string }[] }>().attachments[0]?.color),
    ).toEqual(['#0076D7', '#FF0000']);
  });

  it('posts a MessageCard to MS Teams, red for errors', async () => {
    const teams = createNotifier({ type: 'msteams', url: chat.url('/teams') });
    await teams.post(message('info'));
    await teams.post({ ...message('error'), fields: [] });
    const [info, error] = chat.received('/teams');
    expect(info?.json()).toEqual({
      '@type': 'MessageCard',
      '@context': 'http://schema.org/extensions',
      themeColor: '0076D7',
      summary: 'podinfo.test',
      sections: [
        {
          activityTitle: 'New revision detected, progressing canary analysis.',
          activitySubtitle: 'podinfo.test',
          facts: [
            { name: 'Target', value: 'Deployment/podinfo.test' },
            { name: 'Failed checks threshold', value: '5' },
          ],
        },
      ],
    });
    expect(error?.json()).toMatchObject({ themeColor: 'FF0000', sections: [{ facts: [] }] });
  });

  it('posts a card to Google Chat: the message, then one section per field', async () => {
    await createNotifier({ type: 'gchat', url: chat.url('/gchat') }).post(message('error'));
    expect(chat.received('/gchat')[0]?.json()).toEqual({
      cards: [
        {
          header: { title: 'Flagger', subtitle: 'podinfo.test', imageUrl: 'https://flagger.app/favicon.png' },
          sections: [
            {
              widgets: [
                {
                  textParagraph: {
                    text: '<font color=#848484><strong>New revision detected, progressing canary analysis.</strong></font>',
                  },
                },
              ],
            },
            {
              widgets: [
                {
                  textParagraph: {
                    text: 'Target<br><font color=#848484><strong>Deployment/podinfo.test</strong></font>',
                  },
                },
              ],
            },
            {
              widgets: [
                {
                  textParagraph: {
                    text: 'Failed checks threshold<br><font color=#848484><strong>5</strong></font>',
                  },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('rejects a non-2xx answer with its status and body', async () => {
    chat.reply({ status: 404, body: 'no_service\n' });
    await expect(
      createNotifier({ type: 'slack', url: chat.url('/slack'), ...who }).post(message('info')),
    ).rejects.toMatchObject({
      code: 'BadResponse',
      message: 'sending notification bad response 404: no_service',
    });
  });

  it('goes through the configured HTTP proxy', async () => {
    const proxy = await startHttpRecorder();
    try {
      const slack = createNotifier({
        type: 'slack',
        url: 'http://hooks.slack.invalid/services/T0/B0/x',
        proxy: proxy.url(),
        ...who,
      });
      await slack.post(message('info'));
      expect(proxy.requests.map((r) => [r.method, r.url, r.headers.host])).toEqual([
        ['POST', 'http://hooks.slack.invalid/services/T0/B0/x', 'hooks.slack.invalid'],
      ]);
      expect(proxy.requests[0]?.json()).toMatchObject({ attachments: [{ text: message('info').message }] });
    } finally {
      await proxy.close();
    }
  });
});
