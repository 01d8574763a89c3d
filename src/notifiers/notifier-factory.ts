import { DiscordNotifier } from './discord-notifier.js';
import { GoogleChatNotifier } from './google-chat-notifier.js';
import { MsTeamsNotifier } from './ms-teams-notifier.js';
import { NopNotifier, type Notifier, NotifierError } from './notifier.js';
import { RocketNotifier } from './rocket-notifier.js';
import { SlackNotifier } from './slack-notifier.js';

/** Chat services Weir can post to (AlertProvider `spec.type`). */
export const NotifierTypes = ['slack', 'discord', 'rocket', 'msteams', 'gchat'] as const;
export type NotifierType = (typeof NotifierTypes)[number];

/** Everything a notifier is built from: an AlertProvider, or the `-slack-*` / `-msteams-*` flags. */
export interface NotifierSettings {
  /** Service type; anything outside {@link NotifierTypes} is rejected. */
  type: string;
  /** Hook URL; empty means "notifications off" ({@link NopNotifier}). */
  url: string;
  /** Slack token, sent as `Authorization: Bearer`. */
  token?: string;
  /** `http://` proxy. */
  proxy?: string;
  /** Name to post as (Slack, Discord, Rocket.Chat; required there). */
  username?: string;
  /** Channel to post to (Slack, Discord, Rocket.Chat; required there). */
  channel?: string;
}

/** Builds the notifier for `settings`, or throws {@link NotifierError} saying what is wrong with them. */
export type NotifierFactory = (settings: NotifierSettings) => Notifier;

const serviceNames: Record<NotifierType, string> = {
  slack: 'Slack hook',
  discord: 'Discord hook',
  rocket: 'Rocket hook',
  msteams: 'MS Teams webhook',
  gchat: 'Google Chat webhook',
};

function isNotifierType(type: string): type is NotifierType {
  return (NotifierTypes as readonly string[]).includes(type);
}

function assertHttpUrl(text: string, what: string, code: 'InvalidUrl' | 'InvalidProxy'): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new NotifierError(code, `invalid ${what} URL ${text}`);
  }
  if (code === 'InvalidProxy' && url.protocol !== 'http:') {
    throw new NotifierError(code, `invalid ${what} URL ${text}: only http:// proxies are supported`);
  }
}

function identity(settings: NotifierSettings, service: string) {
  if (!settings.username) throw new NotifierError('MissingUsername', `empty ${service} username`);
  if (!settings.channel) throw new NotifierError('MissingChannel', `empty ${service} channel`);
  return { username: settings.username, channel: settings.channel };
}

/**
 * The notifier for a chat service, as Flagger's notifier factory builds it: an empty URL gives a
 * {@link NopNotifier}; an unknown type, an invalid URL or proxy, or (Slack, Discord, Rocket.Chat) a missing
 * username or channel is an error. Unlike Flagger, the type is checked even when the URL is empty.
 */
export const createNotifier: NotifierFactory = (settings) => {
  const { type } = settings;
  if (!isNotifierType(type)) {
    throw new NotifierError(
      'UnknownProvider',
      `provider ${type} not supported (supported: ${NotifierTypes.join(', ')})`,
    );
  }
  if (!settings.url) return new NopNotifier();
  assertHttpUrl(settings.url, serviceNames[type], 'InvalidUrl');
  if (settings.proxy) assertHttpUrl(settings.proxy, 'proxy', 'InvalidProxy');
  const endpoint = { url: settings.url, ...(settings.proxy ? { proxy: settings.proxy } : {}) };
  switch (type) {
    case 'slack':
      return new SlackNotifier(
        { ...endpoint, ...(settings.token ? { token: settings.token } : {}) },
        identity(settings, 'Slack'),
      );
    case 'discord':
      return new DiscordNotifier(endpoint, identity(settings, 'Discord'));
    case 'rocket':
      return new RocketNotifier(endpoint, identity(settings, 'Rocket'));
    case 'msteams':
      return new MsTeamsNotifier(endpoint);
    case 'gchat':
      return new GoogleChatNotifier(endpoint);
    default:
      return assertNever(type);
  }
};

function assertNever(value: never): never {
  throw new Error(`unhandled notifier type ${String(value)}`);
}
