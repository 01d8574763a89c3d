import type { Notifier, NotifierMessage } from './notifier.js';
import { type NotificationTarget, postNotification } from './post-notification.js';

/** Attachment colours for normal and `error` messages. */
export interface SlackColors {
  /** Colour of info and warn messages. */
  normal: string;
  /** Colour of error messages. */
  error: string;
}

/** Who the message is posted as, and where. */
export interface SlackIdentity {
  /** Name shown as the poster. */
  username: string;
  /** Channel posted to. */
  channel: string;
}

/** Slack's incoming-webhook payload with one attachment, as Flagger sends it (also Discord's and Rocket.Chat's). */
export function slackPayload(message: NotifierMessage, identity: SlackIdentity, colors: SlackColors) {
  return {
    channel: identity.channel,
    username: identity.username,
    icon_url: '',
    icon_emoji: ':rocket:',
    attachments: [
      {
        color: message.severity === 'error' ? colors.error : colors.normal,
        author_name: `${message.workload}.${message.namespace}`,
        text: message.message,
        mrkdwn_in: ['text'],
        fields: message.fields.map((f) => ({ title: f.name, value: f.value, short: false })),
      },
    ],
  };
}

/** Posts to a Slack incoming webhook (`good` / `danger` attachments; the token, if any, as a Bearer header). */
export class SlackNotifier implements Notifier {
  constructor(
    private readonly target: NotificationTarget,
    private readonly identity: SlackIdentity,
  ) {}

  post(message: NotifierMessage): Promise<void> {
    return postNotification(
      this.target,
      slackPayload(message, this.identity, { normal: 'good', error: 'danger' }),
    );
  }
}
