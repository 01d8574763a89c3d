import type { Notifier, NotifierMessage } from './notifier.js';
import { type NotificationTarget, postNotification } from './post-notification.js';
import { type SlackIdentity, slackPayload } from './slack-notifier.js';

/** Discord's Slack-compatible endpoint of a webhook URL: `/slack` appended unless already there. */
export function discordSlackUrl(url: string): string {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith('/slack')) parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/slack`;
  return parsed.href;
}

/** Posts Slack-formatted messages to a Discord webhook's `/slack` endpoint. */
export class DiscordNotifier implements Notifier {
  private readonly target: Omit<NotificationTarget, 'token'>;

  constructor(
    target: Omit<NotificationTarget, 'token'>,
    private readonly identity: SlackIdentity,
  ) {
    this.target = { ...target, url: discordSlackUrl(target.url) };
  }

  post(message: NotifierMessage): Promise<void> {
    return postNotification(
      this.target,
      slackPayload(message, this.identity, { normal: 'good', error: 'danger' }),
    );
  }
}
