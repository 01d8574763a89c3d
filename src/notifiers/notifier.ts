import type { Severity } from '../events/canary-events.js';

/** A name/value pair shown under the message (Slack fields, Teams facts, Google Chat paragraphs). */
export interface NotifierField {
  /** Label, e.g. `Target`. */
  name: string;
  /** Value, e.g. `Deployment/podinfo.test`. */
  value: string;
}

/** One alert, as every chat service receives it. */
export interface NotifierMessage {
  /** Name of the canary (Flagger's `workload`). */
  workload: string;
  /** Namespace of the canary. */
  namespace: string;
  /** The alert text, e.g. `Canary analysis completed successfully, promotion finished.` */
  message: string;
  /** Extra facts in order (Cluster, Target, Failed checks threshold, …). */
  fields: NotifierField[];
  /** Decides the colour: `error` is red, anything else the service's normal colour. */
  severity: Severity;
}

/** Posts alerts to one chat service (Flagger's `notifier.Interface`). */
export interface Notifier {
  /** Delivers the message; rejects with {@link NotifierError} when the service does not take it. */
  post(message: NotifierMessage): Promise<void>;
}

/** Stable codes of notifier failures. */
export const NotifierErrorCodes = [
  'UnknownProvider',
  'InvalidUrl',
  'InvalidProxy',
  'MissingUsername',
  'MissingChannel',
  'BadResponse',
  'SendFailed',
] as const;
export type NotifierErrorCode = (typeof NotifierErrorCodes)[number];

/** A notifier that cannot be built, or a message the service did not accept. */
export class NotifierError extends Error {
  readonly code: NotifierErrorCode;
  constructor(code: NotifierErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotifierError';
    this.code = code;
  }
}

/** The notifier of "no notifications configured": accepts everything, sends nothing. */
export class NopNotifier implements Notifier {
  async post(_message: NotifierMessage): Promise<void> {}
}
