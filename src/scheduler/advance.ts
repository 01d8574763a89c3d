import type { Canary } from '../apis/index.js';
import { isClientClosed } from '../kube/kube-errors.js';
import { UnknownProviderError } from '../routers/providers.js';
import { TargetError } from '../targets/workload-target.js';
import { progress } from './progress.js';
import { failPromotion, providerOf, rollback } from './rollback.js';
import type { SchedulerDeps } from './scheduler-deps.js';
import { Tick } from './tick.js';

/** What a tick did, for the controller and tests. */
export type TickOutcome = 'suspended' | 'halted' | 'idle' | 'advanced';

const initializing = (phase: string) => phase === '' || phase === 'Initializing';

/**
 * One tick of one canary, in Flagger's order (§2.4 of the behaviour reference): reconcile the primary,
 * services and routes; initialize; detect revisions; check readiness, hooks and metrics; move traffic;
 * promote, finalise or roll back. Reads come from the cache; the status is written once, at the end.
 */
export async function advanceCanary(deps: SchedulerDeps, canary: Canary): Promise<TickOutcome> {
  const tick = new Tick(canary, deps);
  let outcome: TickOutcome;
  try {
    outcome = await run(tick);
  } catch (error) {
    // This process may no longer act (leadership lost): stop here — no event, no status write — and
    // leave the run to whoever acts now; it resumes from the state in the cluster.
    if (isClientClosed(error)) throw error;
    // Flagger: a failing step is a Warning event with the error's text, and the tick ends; the next
    // tick retries from the state in the cluster.
    tick.warning(error instanceof Error ? error.message : String(error));
    const expected = error instanceof TargetError || error instanceof UnknownProviderError;
    if (!expected)
      deps.logger.debug('tick failed', { canary: tick.id, error: String((error as Error)?.stack ?? error) });
    outcome = 'halted';
  }
  await tick.writeStatus();
  return outcome;
}

async function run(tick: Tick): Promise<TickOutcome> {
  const { canary, deps, draft } = tick;
  if (canary.spec.suspend) {
    tick.normal('skipping canary run as object is suspended');
    return 'suspended';
  }
  if (draft.phase === '') draft.setPhase('Initializing');
  const target = deps.target(canary);
  const router = deps.router(providerOf(tick));
  const skipAnalysis = canary.spec.skipAnalysis === true;
  const metadata = target.metadata(canary);
  await deps.services.initialize(canary, metadata);
  if (!skipAnalysis && initializing(draft.phase)) {
    const available = await deps.checks.availability(canary);
    if (available.ok) tick.normal(available.message);
    else tick.warning(available.message, 'error');
  }
  const primary = await target.initialize(canary, {
    checkPrimary: initializing(draft.phase) && !skipAnalysis,
  });
  if (!primary.ready) {
    tick.warning(primary.message);
    if (!primary.retriable) await rollback(tick);
    return 'halted';
  }
  // Step 11: the primary's autoscaler, created when missing (updated only at promotion).
  await deps.scaler(canary)?.reconcilePrimaryScaler(canary, { init: true });
  await deps.services.reconcile(canary, metadata);
  if (initializing(draft.phase)) {
    deps.logger.info(`Scaling down ${canary.spec.targetRef.kind} ${tick.targetId}`, { canary: tick.id });
    await target.scaleToZero(canary);
  }
  await router.reconcile(canary);
  if (initializing(draft.phase)) {
    draft.sync({ phase: 'Initialized' }, target.revision(canary), target.trackedConfigs(canary));
    tick.normal(`Initialization done! ${tick.id}`);
    tick.alert(`New ${canary.spec.targetRef.kind} detected, initialization completed.`, 'info', true);
    deps.metrics.status(canary, 'Initialized');
    tick.message = `Initialized: ${tick.primaryId} serves all traffic`;
    return 'advanced';
  }
  return progress(tick, target, router, (error) => failPromotion(tick, error));
}
