import type { Canary } from '../apis/index.js';
import type { NotifierField } from '../notifiers/notifier.js';

/** Event types of Kubernetes Events. */
export const EventTypes = ['Normal', 'Warning'] as const;
export type EventType = (typeof EventTypes)[number];

/** Alert severities, as AlertProviders route them. */
export const Severities = ['info', 'warn', 'error'] as const;
export type Severity = (typeof Severities)[number];

/**
 * The one funnel for what happens to a canary: each event becomes a JSON log line (`msg` = the text), a
 * Kubernetes Event (reason `Synced`, component `flagger`, similar events aggregated), and a POST to the
 * canary's `event` webhooks (or the global `-event-webhook`). Alerts go to the configured notifiers.
 */
export interface CanaryEvents {
  /** A Normal event (logged at info). */
  normal(canary: Canary, message: string): void;
  /** A Warning event, logged at `level` (warn by default; Flagger logs these at info, §9.3 #20). */
  warning(canary: Canary, message: string, level?: 'warn' | 'error'): void;
  /**
   * An alert to notifiers; `withMetadata` adds the target/threshold/traffic fields Flagger adds, `extra`
   * fields follow them (Weir's `Failed check` on a rollback).
   */
  alert(
    canary: Canary,
    message: string,
    severity: Severity,
    withMetadata: boolean,
    extra?: readonly NotifierField[],
  ): void;
  /** Resolves when every event and alert emitted so far has been delivered (or given up). */
  flush(): Promise<void>;
}
