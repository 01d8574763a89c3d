import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../platform/logger.js';
import { DiscordNotifier, discordSlackUrl } from './discord-notifier.js';
import { globalNotifier } from './global-notifier.js';
import { GoogleChatNotifier } from './google-chat-notifier.js';
import { MsTeamsNotifier } from './ms-teams-notifier.js';
import { NopNotifier } from './notifier.js';
import { createNotifier } from './notifier-factory.js';
import { RocketNotifier } from './rocket-notifier.js';
import { SlackNotifier } from './slack-notifier.js';

const who = { username: 'flagger', channel: 'general' };

describe('createNotifier', () => {
  it('builds one notifier per known type', () => {
    const url = 'https://hooks.example.com/services/T0/B0/x';
    expect(createNotifier({ type: 'slack', url, ...who })).toBeInstanceOf(SlackNotifier);
    expect(createNotifier({ type: 'discord', url, ...who })).toBeInstanceOf(DiscordNotifier);
    expect(createNotifier({ type: 'rocket', url, ...who })).toBeInstanceOf(RocketNotifier);
    expect(createNotifier({ type: 'msteams', url })).toBeInstanceOf(MsTeamsNotifier);
    expect(createNotifier({ type: 'gchat', url })).toBeInstanceOf(GoogleChatNotifier);
    expect(createNotifier({ type: 'slack', url: '', ...who })).toBeInstanceOf(NopNotifier);
  });

  it('rejects an unknown type, listing the valid ones', () => {
    expect(() => createNotifier({ type: 'pagerduty', url: 'https://x.example.com' })).toThrow(
      expect.objectContaining({
        code: 'UnknownProvider',
        message: 'provider pagerduty not supported (supported: slack, discord, rocket, msteams, gchat)',
      }),
    );
  });

  it('rejects invalid URLs and proxies, and Slack-style services without username or channel', () => {
    expect(() => createNotifier({ type: 'slack', url: 'hooks.slack.com/x', ...who })).toThrow(
      expect.objectContaining({ code: 'InvalidUrl', message: 'invalid Slack hook URL hooks.slack.com/x' }),
    );
    expect(() => createNotifier({ type: 'msteams', url: 'ftp://teams.example.com/x' })).toThrow(
      expect.objectContaining({
        code: 'InvalidUrl',
        message: 'invalid MS Teams webhook URL ftp://teams.example.com/x',
      }),
    );
    expect(() =>
      createNotifier({ type: 'gchat', url: 'https://chat.example.com', proxy: 'socks5://p:1080' }),
    ).toThrow(expect.objectContaining({ code: 'InvalidProxy' }));
    expect(() => createNotifier({ type: 'slack', url: 'https://h.example.com', channel: 'c' })).toThrow(
      expect.objectContaining({ code: 'MissingUsername', message: 'empty Slack username' }),
    );
    expect(() => createNotifier({ type: 'rocket', url: 'https://h.example.com', username: 'u' })).toThrow(
      expect.objectContaining({ code: 'MissingChannel', message: 'empty Rocket channel' }),
    );
  });

  it('points Discord at its Slack-compatible endpoint', () => {
    expect(discordSlackUrl('https://discord.com/api/webhooks/1/abc')).toBe(
      'https://discord.com/api/webhooks/1/abc/slack',
    );
    expect(discordSlackUrl('https://discord.com/api/webhooks/1/abc/slack')).toBe(
      'https://discord.com/api/webhooks/1/abc/slack',
    );
  });
});

describe('globalNotifier', () => {
  const flags = {
    slack: { url: '', token: '', proxyUrl: '', user: 'flagger', channel: '' },
    msteams: { url: '', proxyUrl: '' },
  };

  it('is a NopNotifier when no URL is configured, without logging', () => {
    const logger = new MemoryLogger();
    expect(globalNotifier(flags, logger)).toBeInstanceOf(NopNotifier);
    expect(logger.lines).toEqual([]);
  });

  it('posts to Slack with the channel defaulted to general (Flagger disables Slack instead)', () => {
    const logger = new MemoryLogger();
    const slack = { ...flags.slack, url: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX' };
    expect(globalNotifier({ ...flags, slack }, logger)).toBeInstanceOf(SlackNotifier);
    expect(logger.lines).toEqual([
      { level: 'info', msg: 'Notifications enabled for https://hooks.slack.com/servic', fields: {} },
    ]);
  });

  it('prefers MS Teams when its URL is set, and logs a broken setting as a Nop', () => {
    const logger = new MemoryLogger();
    const msteams = { url: 'https://outlook.office.com/webhook/x', proxyUrl: '' };
    expect(globalNotifier({ ...flags, msteams }, logger)).toBeInstanceOf(MsTeamsNotifier);
    const broken = { ...flags.slack, url: 'not a url' };
    expect(globalNotifier({ ...flags, slack: broken }, logger)).toBeInstanceOf(NopNotifier);
    expect(logger.lines.at(-1)).toEqual({
      level: 'error',
      msg: 'Notifier invalid Slack hook URL not a url',
      fields: {},
    });
  });
});
