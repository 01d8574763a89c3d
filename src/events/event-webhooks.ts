import type { Canary, CanaryWebhook } from '../apis/index.js';
import type { EventType } from './canary-events.js';

/** Name of the hook built from the global `-event-webhook` URL. */
export const GlobalEventHookName = 'events';

/** The hooks an event of `canary` goes to: its `event` webhooks, else the global URL (if any). */
export function eventHooks(canary: Canary, globalUrl: string | undefined): CanaryWebhook[] {
  const own = (canary.spec.analysis?.webhooks ?? []).filter((hook) => hook.type === 'event');
  if (own.length > 0) return own;
  return globalUrl ? [{ name: GlobalEventHookName, url: globalUrl }] : [];
}

/** The event's identity, put into the payload's metadata. */
export interface EventDescription {
  message: string;
  type: EventType;
  /** When it happened, ms since the epoch. */
  timestampMs: number;
}

/**
 * `hook` with the event merged into its metadata: `eventMessage`, `eventType` and `timestamp` (ms since epoch,
 * as a string) win over the hook's own entries of the same name.
 */
export function withEventMetadata(hook: CanaryWebhook, event: EventDescription): CanaryWebhook {
  return {
    ...hook,
    metadata: {
      ...hook.metadata,
      eventMessage: event.message,
      eventType: event.type,
      timestamp: String(event.timestampMs),
    },
  };
}
