import type { Notifier, NotifierMessage } from './notifier.js';
import { type NotificationTarget, postNotification } from './post-notification.js';
import { type SlackIdentity, slackPayload } from './slack-notifier.js';

/** Posts Slack-formatted messages to a Rocket.Chat incoming webhook (blue, red for errors). */
export class RocketNotifier implements Notifier {
  constructor(
    private readonly target: Omit<NotificationTarget, 'token'>,
    private readonly identity: SlackIdentity,
  ) {}

  post(message: NotifierMessage): Promise<void> {
    return postNotification(
      this.target,
      slackPayload(message, this.identity, { normal: '#0076D7', error: '#FF0000' }),
    );
  }
}
