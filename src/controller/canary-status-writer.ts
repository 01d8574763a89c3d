import type { Canary } from '../apis/index.js';
import type { KubeClient } from '../kube/kube-client.js';
import { isConflict, isNotFound } from '../kube/kube-errors.js';
import { refOf } from '../kube/kube-object.js';
import type { Clock } from '../platform/clock.js';
import { StatusDraft } from '../scheduler/status-draft.js';

/** Attempts of a status write that keeps meeting concurrent writers. */
const writeAttempts = 5;

/**
 * Changes a Canary's status outside a tick (finalization, an invalid spec) with the scheduler's field
 * rules, writing only when something changed and starting again from the server's copy on a conflict.
 * Answers the canary as stored afterwards (undefined when it is gone).
 */
export async function updateCanaryStatus(
  options: { client: KubeClient; clock: Clock },
  canary: Canary,
  change: (draft: StatusDraft) => void,
): Promise<Canary | undefined> {
  let base: Canary | undefined = canary;
  for (let attempt = 1; base; attempt++) {
    const draft = new StatusDraft(base, options.clock.now());
    change(draft);
    if (!draft.changed()) return base;
    try {
      return await options.client.replaceStatus<Canary>({ ...base, status: draft.result() });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      if (!isConflict(error) || attempt >= writeAttempts) throw error;
    }
    base = await options.client.get<Canary>(refOf(canary));
  }
  return undefined;
}
