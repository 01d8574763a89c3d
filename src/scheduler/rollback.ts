import { failedCheckFields } from '../events/failed-check.js';
import { deploymentStrategy } from './strategy.js';
import type { Tick } from './tick.js';

/**
 * Flagger's rollback(): all traffic back to the primary, the canary scaled to zero, phase Failed, then
 * post-rollout hooks. `reason` adds Weir's explanation for rollbacks Flagger words as a bare failure.
 */
export async function rollback(tick: Tick, reason?: { event: string; alert: string }): Promise<void> {
  const { canary, deps, draft } = tick;
  const failedChecks = draft.status.failedChecks ?? 0;
  const threshold = thresholdOf(tick);
  const lastFailure = lastFailureOf(tick);
  let why = tick.message;
  if (reason) {
    tick.warning(reason.event);
    tick.alert(reason.alert, 'error', false);
    why = reason.event;
  } else if (failedChecks >= threshold) {
    tick.warning(`Rolling back ${tick.id} failed checks threshold reached ${failedChecks}`);
    // Weir's addition: the alert says which check failed, with the measured value and threshold.
    const evidence = { id: tick.id, lastMessage: canary.status?.message, checks: draft.status.checks };
    tick.alert(
      `Failed checks threshold reached ${failedChecks}`,
      'error',
      false,
      failedCheckFields(evidence),
    );
    why = `Rolling back ${tick.id} failed checks threshold reached ${failedChecks}`;
    if (lastFailure) why += `; last failure: ${lastFailure}`;
  }
  await tick.setRoutes(deps.router(providerOf(tick)), { primary: 100, canary: 0, mirrored: false });
  // Flagger emits it on a copy of the canary already marked Failed.
  tick.warning(`Canary failed! Scaling down ${tick.id}`, 'warn', 'Failed');
  deps.metrics.weights(canary, 100, 0);
  await deps.target(canary).scaleToZero(canary);
  const target = deps.target(canary);
  draft.sync({ phase: 'Failed', canaryWeight: 0 }, target.revision(canary), target.trackedConfigs(canary));
  deps.metrics.status(canary, 'Failed');
  deps.metrics.outcome(canary, 'failure', deploymentStrategy(canary), 'completed');
  // `Canary failed!` says what happened; the status keeps why (a failed post-rollout hook still wins).
  tick.message = why ? `Canary failed: ${why}` : tick.message;
  await postRollout(tick, 'Failed');
}

/**
 * The halt that counted last: the previous tick's explanation when it was a halt, else the first
 * metric that did not pass.
 */
function lastFailureOf(tick: Tick): string | undefined {
  const previous = tick.canary.status?.message;
  if (previous?.startsWith('Halt ')) return previous;
  return tick.draft.status.checks?.find((check) => check.outcome !== 'pass')?.message;
}

/**
 * Flagger's handleFailedPromotion(): the primary broke while being promoted, so the canary (still
 * running the new version) takes all traffic; it is not scaled down.
 */
export async function failPromotion(tick: Tick, error: string): Promise<void> {
  const { canary, deps, draft } = tick;
  tick.warning(`Promotion of ${tick.targetId} failed, primary not ready: ${error}`);
  tick.alert(`Promotion failed, primary not ready: ${error}`, 'error', false);
  await tick.setRoutes(deps.router(providerOf(tick)), { primary: 0, canary: 100, mirrored: false });
  const target = deps.target(canary);
  draft.sync({ phase: 'Failed', canaryWeight: 100 }, target.revision(canary), target.trackedConfigs(canary));
  deps.metrics.status(canary, 'Failed');
  deps.metrics.outcome(canary, 'failure', deploymentStrategy(canary), 'completed');
  await postRollout(tick, 'Failed');
}

/** Post-rollout hooks with the final phase; the first failure stops the rest. */
export async function postRollout(tick: Tick, phase: 'Succeeded' | 'Failed'): Promise<void> {
  const result = await tick.gate(tick.hooksOf('post-rollout'), phase);
  for (const name of result.passed) tick.normal(`Post-rollout check ${name} passed`);
  if (result.failed) tick.warning(`Post-rollout hook ${result.failed.name} failed ${result.failed.message}`);
}

/** `analysis.threshold`, 1 when unset or not positive. */
export function thresholdOf(tick: Tick): number {
  const threshold = tick.canary.spec.analysis?.threshold ?? 0;
  return threshold > 0 ? threshold : 1;
}

/** The provider of this canary: its own, else `-mesh-provider`. */
export function providerOf(tick: Tick): string {
  return tick.canary.spec.provider || tick.deps.meshProvider;
}
