import type { Canary } from '../apis/index.js';
import type { DaemonSet } from '../kube/api/apps-v1.js';
import { dotted } from '../kube/kube-object.js';
import { defaultProgressDeadlineSeconds, defaultReadyThreshold } from './deployment-readiness.js';
import { primaryNameOf } from './primary-deployment.js';
import type { Readiness } from './workload-target.js';

/** What a DaemonSet rollout is judged against. */
export interface DaemonSetCheck {
  /** Percentage of the desired pods that must be available. */
  readyThreshold: number;
  /** When the canary run last moved (`status.lastTransitionTime`); no deadline without it. */
  since: Date | undefined;
  /** `progressDeadlineSeconds` of the Canary. */
  deadlineSeconds: number;
  /** The current instant (from the injected clock). */
  now: Date;
}

/**
 * Flagger's `isDaemonSetReady` (§2.10): every desired pod updated and enough of them available. A
 * DaemonSet has no progress condition, so the deadline is the Canary's: `progressDeadlineSeconds` after
 * the run last moved, waiting is hopeless (not retriable).
 */
export function daemonSetRollout(daemonSet: DaemonSet, check: DaemonSetCheck): Readiness {
  const status = daemonSet.status ?? {};
  if ((daemonSet.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return {
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: observed daemonset generation less than desired generation',
    };
  }
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const available = status.numberAvailable ?? 0;
  // Truncated like Flagger's int32(float32(desired) * ratio).
  const thresholdDesired = Math.trunc(desired * (check.readyThreshold / 100));
  let message: string | undefined;
  if (updated < desired)
    message = `waiting for rollout to finish: ${updated} out of ${desired} new pods have been updated`;
  else if (available < thresholdDesired)
    message = `waiting for rollout to finish: ${available} of ${thresholdDesired} (readyThreshold ${check.readyThreshold}%) updated pods are available`;
  if (message === undefined) return { ready: true };
  const expired =
    check.since !== undefined && check.since.getTime() + check.deadlineSeconds * 1000 < check.now.getTime();
  if (expired)
    return {
      ready: false,
      retriable: false,
      message: `exceeded its progressDeadlineSeconds: ${check.deadlineSeconds}`,
    };
  return { ready: false, retriable: true, message };
}

function checkOf(canary: Canary, threshold: number | undefined, now: Date): DaemonSetCheck {
  const since = canary.status?.lastTransitionTime;
  const parsed = since ? new Date(since) : undefined;
  return {
    readyThreshold: threshold ?? defaultReadyThreshold,
    since: parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined,
    deadlineSeconds: canary.spec.progressDeadlineSeconds ?? defaultProgressDeadlineSeconds,
    now,
  };
}

function wrap(readiness: Readiness, prefix: string): Readiness {
  return readiness.ready ? readiness : { ...readiness, message: `${prefix} not ready: ${readiness.message}` };
}

/** The primary DaemonSet's readiness, worded `podinfo-primary.test not ready: …`. */
export function primaryDaemonSetReadiness(canary: Canary, primary: DaemonSet, now: Date): Readiness {
  const check = checkOf(canary, canary.spec.analysis?.primaryReadyThreshold, now);
  const name = primaryNameOf(canary.spec.targetRef.name);
  return wrap(daemonSetRollout(primary, check), dotted({ name, namespace: canary.metadata.namespace }));
}

/** The target DaemonSet's readiness, worded `canary daemonset podinfo.test not ready: …`. */
export function canaryDaemonSetReadiness(canary: Canary, target: DaemonSet, now: Date): Readiness {
  const check = checkOf(canary, canary.spec.analysis?.canaryReadyThreshold, now);
  const id = dotted({ name: canary.spec.targetRef.name, namespace: canary.metadata.namespace });
  return wrap(daemonSetRollout(target, check), `canary daemonset ${id}`);
}
