import { isClientClosed } from '../kube/kube-errors.js';
import type { MeshRouter, RouteWeights } from '../routers/mesh-router.js';
import { parseProvider } from '../routers/providers.js';
import type { Readiness, WorkloadTarget } from '../targets/workload-target.js';
import type { TickOutcome } from './advance.js';
import { finalise, runAB, runBlueGreen, runCanary, shiftToPrimary } from './promotion.js';
import { postRollout, providerOf, rollback, thresholdOf } from './rollback.js';
import { deploymentStrategy } from './strategy.js';
import type { Tick } from './tick.js';
import { nextStepWeight } from './weights.js';

const running = ['Progressing', 'Waiting', 'WaitingPromotion', 'Promoting', 'Finalising'];

/** Whether the revision (target hash) is new: not the last one applied, and not the promoted one (Flagger's hasSpecChanged). */
function revisionChanged(tick: Tick, target: WorkloadTarget): boolean {
  const hash = target.revision(tick.canary);
  const { lastAppliedSpec, lastPromotedSpec } = tick.draft.status;
  if (!lastAppliedSpec) return true;
  if (hash === lastPromotedSpec) return false;
  return hash !== lastAppliedSpec;
}

/**
 * Flagger re-syncs a Failed canary's status at every tick (§9.1), so `lastAppliedSpec` follows the target
 * even when it is reverted to the promoted revision (which starts no run); re-applying the failed revision
 * afterwards is then a new revision again. Weir keeps that effect but writes only when the target moved:
 * a failed revision otherwise stays failed, at no cost per tick.
 */
function recordRevert(tick: Tick, target: WorkloadTarget): void {
  const { draft } = tick;
  const hash = target.revision(tick.canary);
  if (hash === draft.status.lastAppliedSpec) return;
  const { canaryWeight, failedChecks, iterations } = draft.status;
  draft.sync(
    { phase: 'Failed', canaryWeight, failedChecks, iterations },
    hash,
    target.trackedConfigs(tick.canary),
  );
}

/** Steps 16–32 of the tick: from revision detection to moving traffic. */
export async function progress(
  tick: Tick,
  target: WorkloadTarget,
  router: MeshRouter,
  failPromotion: (error: string) => Promise<void>,
): Promise<TickOutcome> {
  const { canary, deps, draft } = tick;
  const phase = draft.phase;
  if (!running.includes(phase)) {
    if (!revisionChanged(tick, target)) {
      if (phase === 'Failed') recordRevert(tick, target);
      deps.metrics.status(canary, phase);
      return 'idle';
    }
  }
  const skipAnalysis = canary.spec.skipAnalysis === true;
  if (!skipAnalysis) {
    const primary = target.isPrimaryReady(canary);
    if (!primary.ready) {
      tick.warning(primary.message);
      if (!primary.retriable) {
        if (phase === 'Promoting' || phase === 'Finalising') await failPromotion(primary.message);
        else await rollback(tick);
      }
      return 'halted';
    }
  }
  const routes = await router.getRoutes(tick.current());
  deps.metrics.weights(canary, routes.primary, routes.canary);

  if (!['Progressing', 'WaitingPromotion', 'Promoting', 'Finalising'].includes(phase)) {
    const confirm = await tick.gate(tick.hooksOf('confirm-rollout'), phase);
    for (const name of confirm.passed) tick.normal(`Confirm-rollout check ${name} passed`);
    if (confirm.failed) {
      if (phase !== 'Waiting') {
        draft.setPhase('Waiting');
        tick.warning(`Halt ${tick.id} advancement waiting for approval ${confirm.failed.name}`);
        const muted = (canary.spec.analysis?.webhooks ?? []).some(
          (h) => h.name === confirm.failed?.name && h.muteAlert,
        );
        if (!muted) tick.alert('Canary is waiting for approval.', 'warn', false);
      }
      return 'halted';
    }
    // Flagger emits this on a copy already in Progressing, and scales up even when the event fails.
    draft.sync({ phase: 'Progressing' }, target.revision(canary), target.trackedConfigs(canary));
    tick.normal(`New revision detected! Scaling up ${tick.targetId}`);
    tick.alert('New revision detected, progressing canary analysis.', 'info', true);
    try {
      await target.scaleFromZero(canary);
    } catch (error) {
      if (isClientClosed(error)) throw error;
      tick.warning(error instanceof Error ? error.message : String(error), 'error');
    }
    deps.metrics.status(canary, 'Progressing');
    tick.message = `New revision detected: ${tick.targetId} scaled up, analysis starts next tick`;
    return 'advanced';
  }

  // Flagger's hasCanaryRevisionChanged applies the same rule as detection: reverting the target to the
  // promoted revision mid-run does not restart the analysis.
  if ((phase === 'Progressing' || phase === 'WaitingPromotion') && revisionChanged(tick, target)) {
    tick.normal(`New revision detected! Restarting analysis for ${tick.targetId}`);
    await tick.setRoutes(router, { primary: 100, canary: 0, mirrored: false });
    draft.sync(
      { phase: 'Progressing', canaryWeight: 0, failedChecks: 0, iterations: 0 },
      target.revision(canary),
      target.trackedConfigs(canary),
    );
    return 'advanced';
  }

  const canaryReady = scaleUpDeadline(tick, target.isCanaryReady(canary), routes);
  if (!canaryReady.ready) {
    tick.warning(canaryReady.message);
    if (!canaryReady.retriable) {
      // Flagger means to say this (§9.3 #1) but never does; Weir says why it rolls back.
      await rollback(tick, {
        event: `Rolling back ${tick.id} progress deadline exceeded ${canaryReady.message}`,
        alert: `Progress deadline exceeded ${canaryReady.message}`,
      });
    }
    return 'halted';
  }

  if (skipAnalysis) return skip(tick, target, router);

  if (phase === 'Progressing' || phase === 'WaitingPromotion') {
    for (const hook of tick.hooksOf('rollback')) {
      const result = await deps.webhooks.call(tick.current(), hook, phase);
      if (result.ok) {
        tick.warning(`Rollback check ${hook.name} passed`);
        tick.warning(`Rolling back ${tick.id} manual webhook invoked`);
        tick.alert('Rolling back manual webhook invoked', 'warn', false);
        await rollback(tick);
        return 'advanced';
      }
      tick.normal(`Rollback hook ${hook.name} not signaling a rollback`);
    }
  }
  if (phase === 'Promoting') {
    // Step 25: the primary's autoscaler takes the target's settings with the release.
    await deps.scaler(canary)?.reconcilePrimaryScaler(canary, { init: false });
    await shiftToPrimary(tick, routes);
    return 'advanced';
  }
  if (phase === 'Finalising') {
    await finalise(tick);
    return 'advanced';
  }
  if ((draft.status.failedChecks ?? 0) >= thresholdOf(tick)) {
    await rollback(tick);
    return 'advanced';
  }
  return analyseAndMove(tick, routes);
}

async function analyseAndMove(tick: Tick, routes: RouteWeights): Promise<TickOutcome> {
  const { canary, deps, draft } = tick;
  const started = deps.clock.now().getTime();
  const mirrorStep = canary.spec.analysis?.mirror === true && routes.mirrored;
  if (routes.canary === 0 && (draft.status.iterations ?? 0) === 0 && !mirrorStep) {
    tick.normal(`Starting canary analysis for ${tick.targetId}`);
    const pre = await tick.gate(tick.hooksOf('pre-rollout'), 'Progressing');
    for (const name of pre.passed) tick.normal(`Pre-rollout check ${name} passed`);
    if (pre.failed) {
      draft.setFailedChecks((draft.status.failedChecks ?? 0) + 1);
      tick.warning(
        `Halt ${tick.id} advancement pre-rollout check ${pre.failed.name} failed ${pre.failed.message}`,
      );
      return 'halted';
    }
  } else {
    const hooks = await tick.gate(tick.hooksOf('rollout', ''), 'Progressing');
    if (hooks.failed) {
      draft.setFailedChecks((draft.status.failedChecks ?? 0) + 1);
      tick.warning(
        `Halt ${tick.id} advancement external check ${hooks.failed.name} failed ${hooks.failed.message}`,
      );
      return 'halted';
    }
    const outcome = await deps.checks.run(canary, parseProvider(providerOf(tick)));
    draft.setChecks(outcome.results);
    deps.metrics.analysisDuration(canary, (deps.clock.now().getTime() - started) / 1000);
    if (!outcome.passed) {
      draft.setFailedChecks((draft.status.failedChecks ?? 0) + 1);
      tick.warning(
        outcome.failure?.message ?? 'Halt advancement: a metric check failed',
        outcome.failure?.level ?? 'warn',
      );
      return 'halted';
    }
  }
  const effective = kubernetesAdjusted(tick);
  const strategy = deploymentStrategy(effective);
  if (strategy === 'ab-testing') {
    await runAB(tick, effective);
    return 'advanced';
  }
  if (strategy === 'blue-green') {
    await runBlueGreen(tick, routes, effective);
    return 'advanced';
  }
  if (nextStepWeight(canary, routes.canary) > 0) {
    if (!routes.mirrored && !['Promoting', 'WaitingPromotion', 'Finalising'].includes(draft.phase)) {
      const confirm = await tick.gate(tick.hooksOf('confirm-traffic-increase'), 'Progressing');
      for (const name of confirm.passed) tick.normal(`Confirm-traffic-increase check ${name} passed`);
      if (confirm.failed) {
        tick.warning(
          `Halt ${tick.id} advancement waiting for traffic increase approval ${confirm.failed.name}`,
        );
        const muted = (canary.spec.analysis?.webhooks ?? []).some(
          (h) => h.name === confirm.failed?.name && h.muteAlert,
        );
        if (!muted) tick.alert('Canary traffic increase is waiting for approval.', 'warn', false);
        return 'halted';
      }
    }
    await runCanary(tick, routes);
  }
  return 'advanced';
}

/**
 * Kubernetes never times out a scale-up (only new rollouts get ProgressDeadlineExceeded), so a canary
 * scaled up from zero whose pods never become ready would wait forever — in Flagger too. Weir gives the
 * scale-up `progressDeadlineSeconds`, counted from when the run last moved (the scale-up's status write).
 */
function scaleUpDeadline(tick: Tick, readiness: Readiness, routes: RouteWeights): Readiness {
  if (readiness.ready || !readiness.retriable) return readiness;
  const { draft, canary } = tick;
  if (draft.phase !== 'Progressing' || routes.canary !== 0 || (draft.status.iterations ?? 0) !== 0)
    return readiness;
  const since = draft.lastMoved;
  const deadlineSeconds = canary.spec.progressDeadlineSeconds ?? 600;
  if (!since) return readiness;
  const waitedSeconds = (tick.deps.clock.now().getTime() - since.getTime()) / 1000;
  if (waitedSeconds <= deadlineSeconds) return readiness;
  return {
    ready: false,
    retriable: false,
    message: `${readiness.message} (scaled up ${Math.floor(waitedSeconds)}s ago, progressDeadlineSeconds is ${deadlineSeconds})`,
  };
}

/**
 * The `kubernetes` provider cannot split traffic: like Flagger, drop A/B matches and run Blue/Green with
 * 10 iterations when none are set, saying so (in memory only; the spec is not changed).
 */
function kubernetesAdjusted(tick: Tick): Tick['canary'] {
  const { canary } = tick;
  if (providerOf(tick) !== 'kubernetes') return canary;
  const analysis = canary.spec.analysis;
  if (!analysis) return canary;
  let adjusted = analysis;
  if ((analysis.match?.length ?? 0) > 0) {
    tick.warning('A/B testing is not supported when using the kubernetes provider');
    adjusted = { ...adjusted, match: [] };
  }
  if ((analysis.iterations ?? 0) < 1) {
    tick.warning('Progressive traffic is not supported when using the kubernetes provider');
    tick.warning('Setting canaryAnalysis.iterations: 10');
    adjusted = { ...adjusted, iterations: 10 };
  }
  return { ...canary, spec: { ...canary.spec, analysis: adjusted } };
}

/** skipAnalysis: promote at once, without waiting for the primary (Flagger's behaviour). */
async function skip(tick: Tick, target: WorkloadTarget, router: MeshRouter): Promise<TickOutcome> {
  const { canary, deps, draft } = tick;
  await tick.setRoutes(router, { primary: 100, canary: 0, mirrored: false });
  tick.normal(`Copying ${tick.targetId} template spec to ${tick.primaryId}`);
  await target.promote(canary);
  await deps.scaler(canary)?.reconcilePrimaryScaler(canary, { init: false });
  await target.scaleToZero(canary);
  draft.setPhase('Succeeded');
  deps.metrics.status(canary, 'Succeeded');
  deps.metrics.outcome(canary, 'success', deploymentStrategy(canary), 'skipped');
  await postRollout(tick, 'Succeeded');
  tick.normal(`Promotion completed! Canary analysis was skipped for ${tick.targetId}`);
  tick.alert('Canary analysis was skipped, promotion finished.', 'info', false);
  return 'advanced';
}
