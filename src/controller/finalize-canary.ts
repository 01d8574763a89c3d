import type { Canary } from '../apis/index.js';
import { dotted } from '../kube/kube-object.js';
import { RouterError } from '../routers/router-error.js';
import type { SchedulerDeps } from '../scheduler/scheduler-deps.js';
import { TargetError, type TargetMetadata, type WorkloadTarget } from '../targets/workload-target.js';
import { analysisIntervalMs } from './canary-controller.js';
import { updateCanaryStatus } from './canary-status-writer.js';

/** What finalization works with: the scheduler's parts, and a way to wait. */
export interface FinalizeOptions {
  /** The operator's parts (read at call time: tests replace the events funnel after building them). */
  scheduler: SchedulerDeps;
  /** Waits between readiness checks (tests settle the cluster instead). */
  sleep(ms: number): Promise<void>;
  /** `-min-analysis-interval`, the floor of the interval that caps the backoff. */
  minAnalysisIntervalMs: number;
}

/** Why finalization could not complete; the next sync tries again. */
export class FinalizeError extends Error {
  readonly code = 'target-not-ready';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FinalizeError';
  }
}

/**
 * The waits between readiness checks of a finalized target: Flagger's backoff (3 s, doubling, 4 checks),
 * each wait capped at the analysis interval. (Go's backoff also stops early once the cap is hit; Weir
 * keeps the four checks.)
 */
export function finalizeBackoffMs(intervalMs: number): number[] {
  return [3_000, 6_000, 12_000].map((ms) => Math.min(ms, intervalMs));
}

/**
 * Flagger's finalize (§2.13): phase Terminating, the target handed back (scaler resumed, replicas
 * restored) and awaited, then the user's apex Service and routing object restored. Objects Weir generated
 * are left to garbage collection (their owner references). A target or routing object that no longer
 * exists has nothing to restore: unlike Flagger, that does not block the deletion forever.
 */
export async function finalizeCanary(options: FinalizeOptions, canary: Canary): Promise<Canary> {
  const deps = options.scheduler;
  const id = dotted(canary.metadata);
  let current = canary;
  if (canary.status?.phase !== 'Terminating') {
    current =
      (await updateCanaryStatus(deps, canary, (draft) => {
        draft.setPhase('Terminating');
        draft.setMessage(`Terminating: handing ${id}'s target, Services and routing back (revertOnDeletion)`);
      })) ?? canary;
    deps.events.normal(current, `Terminating canary ${id}`);
  }
  const target = deps.target(current);
  const metadata = targetMetadata(options, target, current);
  if (metadata) {
    await target.finalize(current);
    await waitForTarget(options, target, current);
    if (current.spec.targetRef.kind !== 'Service') {
      await unlessMissing(options, current, () => deps.services.finalize(current, metadata));
    }
  }
  const provider = current.spec.provider || deps.meshProvider;
  await unlessMissing(options, current, () => deps.router(provider).finalize(current));
  return current;
}

/** The target's selector and ports; undefined (logged) when the target was deleted first. */
function targetMetadata(
  options: FinalizeOptions,
  target: WorkloadTarget,
  canary: Canary,
): TargetMetadata | undefined {
  try {
    return target.metadata(canary);
  } catch (error) {
    if (!(error instanceof TargetError) || error.code !== 'target-not-found') throw error;
    options.scheduler.logger.warn(`${error.message}: nothing to restore`, {
      canary: dotted(canary.metadata),
    });
    return undefined;
  }
}

/** Readiness checks with Flagger's backoff; only a retriable "not ready" is waited for. */
async function waitForTarget(
  options: FinalizeOptions,
  target: WorkloadTarget,
  canary: Canary,
): Promise<void> {
  const delays = finalizeBackoffMs(analysisIntervalMs(canary, options.minAnalysisIntervalMs));
  for (let attempt = 0; ; attempt++) {
    const readiness = target.isCanaryReady(canary);
    if (readiness.ready) return;
    const delay = delays[attempt];
    if (!readiness.retriable || delay === undefined) {
      throw new FinalizeError(`canary not ready during finalizing: ${readiness.message}`);
    }
    await options.sleep(delay);
  }
}

/** Runs a restore step; a routing object that is gone has nothing to restore (logged). */
async function unlessMissing(
  options: FinalizeOptions,
  canary: Canary,
  step: () => Promise<void>,
): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof RouterError) || error.code !== 'routing-object-missing') throw error;
    options.scheduler.logger.warn(`${error.message}: nothing to restore`, {
      canary: dotted(canary.metadata),
    });
  }
}
