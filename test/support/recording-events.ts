import type { Canary } from '../../src/apis/index.js';
import type { CanaryEvents } from '../../src/events/canary-events.js';

/** An event as the scheduler emitted it, with the canary's phase at emission (as Flagger's events_test records). */
export interface RecordedEvent {
  type: 'Normal' | 'Warning';
  phase: string;
  message: string;
}

/** `inner` (the real funnel, which still logs, records and posts everything), also appending each event to `into`. */
export function recordingEvents(inner: CanaryEvents, into: RecordedEvent[]): CanaryEvents {
  const record = (type: RecordedEvent['type'], canary: Canary, message: string) =>
    into.push({ type, phase: canary.status?.phase ?? '', message });
  return {
    normal: (canary, message) => {
      record('Normal', canary, message);
      inner.normal(canary, message);
    },
    warning: (canary, message, level) => {
      record('Warning', canary, message);
      inner.warning(canary, message, level);
    },
    alert: (...args) => inner.alert(...args),
    flush: () => inner.flush(),
  };
}
