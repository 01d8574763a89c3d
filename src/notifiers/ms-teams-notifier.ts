import type { Notifier, NotifierMessage } from './notifier.js';
import { type NotificationTarget, postNotification } from './post-notification.js';

/** The MessageCard Flagger posts to Microsoft Teams. */
export function msTeamsPayload(message: NotifierMessage) {
  const subject = `${message.workload}.${message.namespace}`;
  return {
    '@type': 'MessageCard',
    '@context': 'http://schema.org/extensions',
    themeColor: message.severity === 'error' ? 'FF0000' : '0076D7',
    summary: subject,
    sections: [
      {
        activityTitle: message.message,
        activitySubtitle: subject,
        facts: message.fields.map((f) => ({ name: f.name, value: f.value })),
      },
    ],
  };
}

/** Posts MessageCards to a Microsoft Teams incoming webhook. */
export class MsTeamsNotifier implements Notifier {
  constructor(private readonly target: Omit<NotificationTarget, 'token'>) {}

  post(message: NotifierMessage): Promise<void> {
    return postNotification(this.target, msTeamsPayload(message));
  }
}
