import type { CanaryCheck } from '../apis/index.js';
import type { NotifierField } from '../notifiers/notifier.js';

/** Name of the alert field that says which check made a run fail. */
export const FailedCheckFieldName = 'Failed check';

/** What is known about the last failures of a run when it is rolled back. */
export interface FailureEvidence {
  /** `podinfo.test`: the canary's identity in Flagger's halt messages. */
  id: string;
  /** The explanation stored by the last tick (`status.message`): the halt that counted last. */
  lastMessage?: string | undefined;
  /** The last result of every metric (`status.checks`). */
  checks?: readonly CanaryCheck[] | undefined;
}

/** Flagger's own words for the builtin metrics in halt messages. */
const builtinLabels = ['success rate', 'request duration'];

/** `Halt podinfo.test advancement success rate 69.17% < 99%` → `success rate 69.17% < 99%`. */
function withoutHalt(message: string, id: string): string {
  for (const prefix of [`Halt ${id} advancement `, 'Halt advancement ']) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}

/** A check's failure worded with the metric's name: `request-success-rate 69.17% < 99%`. */
function describeCheck(check: CanaryCheck, id: string): string {
  const what = withoutHalt(check.message, id);
  if (check.outcome === 'fail') {
    for (const label of [...builtinLabels, check.name]) {
      if (what.startsWith(`${label} `)) return `${check.name} ${what.slice(label.length + 1)}`;
    }
  }
  return `${check.name}: ${what}`;
}

/**
 * Weir's addition to the `Failed checks threshold reached` alert: which check failed, with the measured
 * value and the threshold (`request-success-rate 69.17% < 99%`). The halt the last tick stored wins —
 * the metric it names, or the webhook (`external check load-test failed …`); without one, the first
 * metric that did not pass. Undefined when nothing explains the failure (e.g. Flagger's CRDs prune both
 * status fields).
 */
export function failedCheck(evidence: FailureEvidence): string | undefined {
  const { id, lastMessage } = evidence;
  const failing = (evidence.checks ?? []).filter((check) => check.outcome !== 'pass');
  const halted = lastMessage?.startsWith('Halt ') ? lastMessage : undefined;
  if (halted !== undefined) {
    const check = failing.find((c) => c.message === halted);
    return check ? describeCheck(check, id) : withoutHalt(halted, id);
  }
  const first = failing[0];
  return first ? describeCheck(first, id) : undefined;
}

/** The `Failed check` alert field, or none when nothing explains the failure. */
export function failedCheckFields(evidence: FailureEvidence): NotifierField[] {
  const value = failedCheck(evidence);
  return value === undefined ? [] : [{ name: FailedCheckFieldName, value }];
}
