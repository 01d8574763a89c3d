import type { RouteWeights } from '../routers/mesh-router.js';
import { postRollout, providerOf } from './rollback.js';
import { deploymentStrategy } from './strategy.js';
import type { Tick } from './tick.js';
import { advancedWeights, maxWeight, nextStepWeight } from './weights.js';

/** Confirm-promotion hooks; on rejection the run waits in WaitingPromotion. True when promotion may go on. */
async function confirmPromotion(tick: Tick): Promise<boolean> {
  const { draft } = tick;
  const result = await tick.gate(tick.hooksOf('confirm-promotion'), 'Progressing');
  for (const name of result.passed) tick.normal(`Confirm-promotion check ${name} passed`);
  if (!result.failed) return true;
  if (draft.phase !== 'WaitingPromotion') {
    draft.setPhase('WaitingPromotion');
    tick.warning(`Halt ${tick.id} advancement waiting for promotion approval ${result.failed.name}`);
    if (!hookMuted(tick, result.failed.name))
      tick.alert('Canary promotion is waiting for approval.', 'warn', false);
  }
  return false;
}

function hookMuted(tick: Tick, name: string): boolean {
  return (tick.canary.spec.analysis?.webhooks ?? []).some((h) => h.name === name && h.muteAlert === true);
}

/** Copies the target to the primary and enters Promoting. */
async function promote(tick: Tick): Promise<void> {
  const { canary, deps } = tick;
  tick.normal(`Copying ${tick.targetId} template spec to ${tick.primaryId}`);
  await deps.target(canary).promote(canary);
  tick.draft.setPhase('Promoting');
  tick.message = `Promoting ${tick.targetId}: copied its template to ${tick.primaryId}`;
}

/** Flagger's runCanary: one weight step, or promotion once the canary carries `maxWeight`. */
export async function runCanary(tick: Tick, routes: RouteWeights): Promise<void> {
  const { canary, deps, draft } = tick;
  const max = maxWeight(canary);
  const step = nextStepWeight(canary, routes.canary);
  if (routes.canary < max) {
    let next: RouteWeights;
    if (canary.spec.analysis?.mirror && routes.canary === 0) {
      next = routes.mirrored
        ? { ...advancedWeights(0, step, max), mirrored: false }
        : { primary: 100, canary: 0, mirrored: true };
      deps.logger.info(`Running mirror step ${next.primary}/${next.canary}/${next.mirrored}`, {
        canary: tick.id,
      });
    } else {
      next = { ...advancedWeights(routes.canary, step, max), mirrored: false };
    }
    await tick.setRoutes(deps.router(providerOf(tick)), next);
    draft.setWeight(next.canary);
    deps.metrics.weights(canary, next.primary, next.canary);
    tick.normal(`Advance ${tick.id} canary weight ${next.canary}`);
    tick.message = `Advanced: ${next.canary}% of traffic to the canary, checks passed`;
    return;
  }
  if (await confirmPromotion(tick)) await promote(tick);
}

/** Flagger's runAB: N iterations with the matched requests on the canary, then promotion. */
export async function runAB(tick: Tick, canary = tick.canary): Promise<void> {
  const { deps, draft } = tick;
  const iterations = canary.spec.analysis?.iterations ?? 0;
  const done = draft.status.iterations ?? 0;
  if (iterations > done) {
    await tick.setRoutes(deps.router(providerOf(tick)), { primary: 0, canary: 100, mirrored: false });
    deps.metrics.weights(canary, 0, 100);
    draft.setIterations(done + 1);
    tick.normal(`Advance ${tick.id} canary iteration ${done + 1}/${iterations}`);
    return;
  }
  if (!(await confirmPromotion(tick))) return;
  if (iterations === done) await promote(tick);
}

/** Flagger's runBlueGreen: N iterations without traffic, one with all of it, then promotion. */
export async function runBlueGreen(tick: Tick, routes: RouteWeights, canary = tick.canary): Promise<void> {
  const { deps, draft } = tick;
  const iterations = canary.spec.analysis?.iterations ?? 0;
  const done = draft.status.iterations ?? 0;
  const provider = providerOf(tick);
  const mirror = canary.spec.analysis?.mirror === true;
  if (iterations > done) {
    if (provider !== 'kubernetes' && mirror && !routes.mirrored) {
      await tick.setRoutes(deps.router(provider), { primary: 100, canary: 0, mirrored: true });
      deps.logger.info('Start traffic mirroring', { canary: tick.id });
    }
    draft.setIterations(done + 1);
    tick.normal(`Advance ${tick.id} canary iteration ${done + 1}/${iterations}`);
    return;
  }
  if (!(await confirmPromotion(tick))) return;
  if (iterations === done) {
    if (provider !== 'kubernetes') {
      tick.normal(
        mirror ? 'Stop traffic mirroring and route all traffic to canary' : 'Routing all traffic to canary',
      );
      await tick.setRoutes(deps.router(provider), { primary: 0, canary: 100, mirrored: false });
      deps.metrics.weights(canary, 0, 100);
    }
    draft.setIterations(done + 1);
    return;
  }
  if (iterations < done) await promote(tick);
}

/** Phase Promoting, primary ready: all traffic to the primary (at once or by stepWeightPromotion), then Finalising. */
export async function shiftToPrimary(tick: Tick, routes: RouteWeights): Promise<void> {
  const { canary, deps, draft } = tick;
  const provider = providerOf(tick);
  const step = canary.spec.analysis?.stepWeightPromotion ?? 0;
  if (provider === 'kubernetes') {
    draft.setPhase('Finalising');
    return;
  }
  if (step <= 0) {
    tick.normal('Routing all traffic to primary');
    await tick.setRoutes(deps.router(provider), { primary: 100, canary: 0, mirrored: false });
    deps.metrics.weights(canary, 100, 0);
    draft.setPhase('Finalising');
    return;
  }
  if (routes.canary <= 0) {
    draft.setPhase('Finalising');
    return;
  }
  const primary = Math.min(100, routes.primary + step);
  const canaryWeight = Math.max(0, routes.canary - step);
  await tick.setRoutes(deps.router(provider), { primary, canary: canaryWeight, mirrored: false });
  deps.metrics.weights(canary, primary, canaryWeight);
  tick.normal(`Advance ${tick.id} primary weight ${primary}`);
  if (primary === 100) draft.setPhase('Finalising');
  else draft.setWeight(canaryWeight);
}

/** Phase Finalising: the canary scaled to zero, Succeeded, post-rollout hooks. */
export async function finalise(tick: Tick): Promise<void> {
  const { canary, deps, draft } = tick;
  await deps.target(canary).scaleToZero(canary);
  draft.setPhase('Succeeded');
  deps.metrics.status(canary, 'Succeeded');
  deps.metrics.outcome(canary, 'success', deploymentStrategy(canary), 'completed');
  await postRollout(tick, 'Succeeded');
  tick.normal(`Promotion completed! Scaling down ${tick.targetId}`);
  tick.alert('Canary analysis completed successfully, promotion finished.', 'info', false);
  tick.message = `Promotion completed: ${tick.primaryId} runs the new revision`;
}
