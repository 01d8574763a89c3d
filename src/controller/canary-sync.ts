import type { Canary } from '../apis/index.js';
import { isClientClosed } from '../kube/kube-errors.js';
import { dotted } from '../kube/kube-object.js';
import { hasFinalizer, setFinalizer } from './canary-finalizers.js';
import { updateCanaryStatus } from './canary-status-writer.js';
import { type FinalizeOptions, finalizeCanary } from './finalize-canary.js';
import { verifyCanary } from './verify-canary.js';

/** What a sync decided: tick the canary, or not (and why). */
export const SyncOutcomes = ['tick', 'invalid', 'deleting', 'finalized'] as const;
export type SyncOutcome = (typeof SyncOutcomes)[number];

/** The outcome, and the canary as stored after the sync's own writes (what a tick should start from). */
export interface SyncResult {
  /** `tick` when the scheduler may run; `invalid`, `deleting` and `finalized` skip the tick. */
  outcome: SyncOutcome;
  /** The canary with the finalizer the sync added or removed. */
  canary: Canary;
}

/** What {@link CanarySync} works with. */
export interface CanarySyncOptions extends FinalizeOptions {
  /** `-no-cross-namespace-refs`. */
  noCrossNamespaceRefs: boolean;
}

/**
 * Flagger's syncHandler, run before each tick: a deleted Canary is finalized (revertOnDeletion) and
 * released; an invalid one is reported (Warning event + status message) instead of ticked; the
 * `finalizer.flagger.app` finalizer follows `revertOnDeletion`. A deleting Canary is never ticked — a
 * tick would re-create what garbage collection is removing.
 */
export class CanarySync {
  constructor(private readonly options: CanarySyncOptions) {}

  /** Prepares `canary` for a tick; failures become events and status, never exceptions (but a lost lease). */
  async sync(canary: Canary): Promise<SyncResult> {
    if (canary.metadata.deletionTimestamp) return { outcome: await this.release(canary), canary };
    const deps = this.options.scheduler;
    const problems = verifyCanary(canary, this.options);
    if (problems.length > 0) {
      const message = `invalid canary spec: ${problems.join('; ')}`;
      deps.events.warning(canary, message);
      await updateCanaryStatus(deps, canary, (draft) => draft.setMessage(message));
      return { outcome: 'invalid', canary };
    }
    const wanted = canary.spec.revertOnDeletion === true;
    if (wanted !== hasFinalizer(canary)) {
      if (!wanted) deps.logger.info(`${dotted(canary.metadata)} opting out, deleting finalizers`);
      const stored = await setFinalizer(deps.client, canary, wanted);
      return { outcome: 'tick', canary: stored ?? canary };
    }
    return { outcome: 'tick', canary };
  }

  /** A deleted Canary: finalized when it asked for it, then its finalizer removed. */
  private async release(canary: Canary): Promise<SyncOutcome> {
    const deps = this.options.scheduler;
    const id = dotted(canary.metadata);
    if (!hasFinalizer(canary)) return 'deleting';
    let current = canary;
    if (canary.spec.revertOnDeletion && canary.status?.phase !== 'Terminated') {
      try {
        current = await finalizeCanary(this.options, canary);
      } catch (error) {
        if (isClientClosed(error)) throw error;
        const message = error instanceof Error ? error.message : String(error);
        deps.events.warning(current, message);
        await updateCanaryStatus(deps, current, (draft) => draft.setMessage(message));
        return 'deleting';
      }
      // Flagger never writes Terminated (§9.3 #4): Weir does, so a restart before the finalizer is gone
      // does not hand the target back a second time.
      current =
        (await updateCanaryStatus(deps, current, (draft) => {
          draft.setPhase('Terminated');
          draft.setMessage(`Terminated: ${id}'s target, Services and routing handed back`);
        })) ?? current;
    }
    await setFinalizer(deps.client, current, false);
    if (canary.spec.revertOnDeletion) deps.events.normal(current, `Terminated canary ${id}`);
    else deps.logger.info(`Canary ${id} has been finalized`, { canary: id });
    return 'finalized';
  }
}
