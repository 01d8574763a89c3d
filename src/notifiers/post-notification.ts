import { HttpPostError, postJson } from '../webhooks/http-post.js';
import { NotifierError } from './notifier.js';

/** Flagger's notification timeout. */
export const NotificationTimeoutMs = 5000;

/** Where and how a notifier posts. */
export interface NotificationTarget {
  /** The service's hook URL. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  /** `http://` proxy to reach the service through. */
  proxy?: string;
}

/** POSTs a notification payload; a non-2xx answer rejects with `sending notification bad response <code>: <body>`. */
export async function postNotification(target: NotificationTarget, payload: unknown): Promise<void> {
  let answer: Awaited<ReturnType<typeof postJson>>;
  try {
    answer = await postJson({
      url: target.url,
      body: JSON.stringify(payload),
      timeoutMs: NotificationTimeoutMs,
      ...(target.token ? { headers: { authorization: `Bearer ${target.token}` } } : {}),
      ...(target.proxy ? { proxy: target.proxy } : {}),
    });
  } catch (error) {
    const detail = error instanceof HttpPostError ? error.message : String(error);
    throw new NotifierError('SendFailed', `sending notification failed: ${detail}`, { cause: error });
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new NotifierError(
      'BadResponse',
      `sending notification bad response ${answer.status}: ${answer.body.trim()}`,
    );
  }
}
