import type { Notifier, NotifierMessage } from './notifier.js';
import { type NotificationTarget, postNotification } from './post-notification.js';

const grey = (text: string) => `<font color=#848484><strong>${text}</strong></font>`;

/** The card Flagger posts to Google Chat: the message, then one section per field. */
export function googleChatPayload(message: NotifierMessage) {
  const paragraph = (text: string) => ({ widgets: [{ textParagraph: { text } }] });
  return {
    cards: [
      {
        header: {
          title: 'Flagger',
          subtitle: `${message.workload}.${message.namespace}`,
          imageUrl: 'https://flagger.app/favicon.png',
        },
        sections: [
          paragraph(grey(message.message)),
          ...message.fields.map((f) => paragraph(`${f.name}<br>${grey(f.value)}`)),
        ],
      },
    ],
  };
}

/** Posts cards to a Google Chat incoming webhook (no severity colour, as in Flagger). */
export class GoogleChatNotifier implements Notifier {
  constructor(private readonly target: Omit<NotificationTarget, 'token'>) {}

  post(message: NotifierMessage): Promise<void> {
    return postNotification(this.target, googleChatPayload(message));
  }
}
