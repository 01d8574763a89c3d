import type { Canary } from '../apis/index.js';
import type { Deployment, DeploymentCondition } from '../kube/api/apps-v1.js';
import { dotted } from '../kube/kube-object.js';
import { primaryNameOf } from './primary-deployment.js';
import type { Readiness } from './workload-target.js';

/** Flagger's default `spec.progressDeadlineSeconds` of a Canary. */
export const defaultProgressDeadlineSeconds = 600;

/** Flagger's default `primaryReadyThreshold` / `canaryReadyThreshold` (percent). */
export const defaultReadyThreshold = 100;

/** What a rollout is judged against. */
export interface RolloutCheck {
  /** Seconds a Deployment may stay below its minimum availability before waiting is hopeless. */
  deadlineSeconds: number;
  /** Percentage of the updated replicas that must be available. */
  readyThreshold: number;
  /** The current instant (from the injected clock). */
  now: Date;
}

function condition(deployment: Deployment, type: string): DeploymentCondition | undefined {
  return deployment.status?.conditions?.find((c) => c.type === type);
}

/** Whether the minimum-availability wait began more than `deadlineSeconds` ago (Flagger's `retriable = false`). */
function stuck(deployment: Deployment, check: RolloutCheck): boolean {
  if (!condition(deployment, 'Progressing')) return false;
  const available = condition(deployment, 'Available');
  if (available?.status !== 'False' || available.reason !== 'MinimumReplicasUnavailable') return false;
  const since = Date.parse(available.lastUpdateTime ?? available.lastTransitionTime ?? '');
  // Without a timestamp nothing says the deadline passed: keep waiting rather than roll back.
  if (Number.isNaN(since)) return false;
  return since + check.deadlineSeconds * 1000 < check.now.getTime();
}

/**
 * Flagger's `isDeploymentReady` (§2.10): whether a Deployment finished rolling out, with its messages
 * (unwrapped). Not retriable when the controller reports `ProgressDeadlineExceeded`, or when the minimum
 * availability has been missing for longer than the deadline.
 */
export function deploymentRollout(deployment: Deployment, check: RolloutCheck): Readiness {
  const status = deployment.status ?? {};
  if ((deployment.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return {
      ready: false,
      retriable: true,
      message: 'waiting for rollout to finish: observed deployment generation less than desired generation',
    };
  }
  const retriable = !stuck(deployment, check);
  const updated = status.updatedReplicas ?? 0;
  // Flagger computes this in float32 and truncates; Math.fround keeps the same rounding.
  const ratio = Math.fround(Math.fround(check.readyThreshold) / 100);
  const thresholdUpdated = Math.trunc(Math.fround(Math.fround(updated) * ratio));
  const wanted = deployment.spec.replicas;
  let message: string | undefined;
  if (condition(deployment, 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
    return {
      ready: false,
      retriable: false,
      message: `deployment "${deployment.metadata.name}" exceeded its progress deadline`,
    };
  } else if (wanted !== undefined && updated < wanted) {
    message = `waiting for rollout to finish: ${updated} out of ${wanted} new replicas have been updated`;
  } else if ((status.replicas ?? 0) > updated) {
    message = `waiting for rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination`;
  } else if ((status.availableReplicas ?? 0) < thresholdUpdated) {
    message = `waiting for rollout to finish: ${status.availableReplicas ?? 0} of ${thresholdUpdated} (readyThreshold ${check.readyThreshold}%) updated replicas are available`;
  }
  return message === undefined ? { ready: true } : { ready: false, retriable, message };
}

function deadlineOf(canary: Canary): number {
  return canary.spec.progressDeadlineSeconds ?? defaultProgressDeadlineSeconds;
}

function wrap(readiness: Readiness, prefix: string): Readiness {
  return readiness.ready ? readiness : { ...readiness, message: `${prefix} not ready: ${readiness.message}` };
}

/**
 * The primary's readiness, worded `podinfo-primary.test not ready: …`. A primary scaled to zero is not
 * ready either (Flagger means to say so but compares pointers, §9.3 #2): retriable, as a user or an
 * autoscaler can scale it back.
 */
export function primaryReadiness(canary: Canary, primary: Deployment, now: Date): Readiness {
  const threshold = canary.spec.analysis?.primaryReadyThreshold ?? defaultReadyThreshold;
  const primaryName = primaryNameOf(canary.spec.targetRef.name);
  const rollout = deploymentRollout(primary, {
    deadlineSeconds: deadlineOf(canary),
    readyThreshold: threshold,
    now,
  });
  if (!rollout.ready)
    return wrap(rollout, dotted({ name: primaryName, namespace: canary.metadata.namespace }));
  if (primary.spec.replicas === 0) {
    return {
      ready: false,
      retriable: true,
      message: `halt ${dotted(canary.metadata)} advancement: primary deployment is scaled to zero`,
    };
  }
  return rollout;
}

/** The target's (canary's) readiness, worded `canary deployment podinfo.test not ready: …`. */
export function canaryReadiness(canary: Canary, target: Deployment, now: Date): Readiness {
  const threshold = canary.spec.analysis?.canaryReadyThreshold ?? defaultReadyThreshold;
  const rollout = deploymentRollout(target, {
    deadlineSeconds: deadlineOf(canary),
    readyThreshold: threshold,
    now,
  });
  return wrap(
    rollout,
    `canary deployment ${dotted({ name: canary.spec.targetRef.name, namespace: canary.metadata.namespace })}`,
  );
}
