import type { Deployment, DeploymentStatus, ReplicaSet } from '../../../kube/api/apps-v1.js';
import type { Condition } from '../../../kube/api/core-v1.js';
import { rfc3339 } from '../../../platform/clock.js';
import {
  actualReplicas,
  availableReplicas,
  desiredReplicas,
  maxUnavailable,
  readyReplicas,
  specReplicas,
} from './rollout-math.js';

/** Reasons of the `Progressing` and `Available` conditions, as the deployment controller words them. */
export const DeploymentReasons = {
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  DeploymentPaused: 'DeploymentPaused',
  DeploymentResumed: 'DeploymentResumed',
} as const;

/** A fresh condition, both timestamps `now`. */
export function newCondition(
  type: string,
  status: Condition['status'],
  reason: string,
  message: string,
  now: Date,
): Condition {
  const stamp = rfc3339(now);
  return { type, status, lastUpdateTime: stamp, lastTransitionTime: stamp, reason, message };
}

/**
 * `SetDeploymentCondition`: nothing changes when status and reason are the same; otherwise the condition
 * is replaced (moved last), keeping `lastTransitionTime` while the status stays.
 */
export function setCondition(status: DeploymentStatus, condition: Condition): void {
  const current = status.conditions?.find((c) => c.type === condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status && current.lastTransitionTime)
    next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** Removes a condition. */
export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

/** One condition of a status. */
export function conditionOf(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** Kubernetes omits zero counters (`omitempty`). */
function counter(status: DeploymentStatus, field: keyof DeploymentStatus, value: number): void {
  if (value !== 0) (status as Record<string, unknown>)[field] = value;
}

/** `calculateStatus`: counters from the ReplicaSets and the `Available` condition. */
export function calculateStatus(
  d: Deployment,
  all: readonly ReplicaSet[],
  newSet: ReplicaSet | undefined,
  now: Date,
): DeploymentStatus {
  const available = availableReplicas(all);
  const unavailable = Math.max(0, specReplicas(all) - available);
  const status: DeploymentStatus = { observedGeneration: d.metadata.generation ?? 0 };
  counter(status, 'replicas', actualReplicas(all));
  counter(status, 'updatedReplicas', newSet ? actualReplicas([newSet]) : 0);
  counter(status, 'readyReplicas', readyReplicas(all));
  counter(status, 'availableReplicas', available);
  counter(status, 'unavailableReplicas', unavailable);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  status.conditions = (d.status?.conditions ?? []).map((c) => ({ ...c }));
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition(
        'Available',
        'True',
        DeploymentReasons.MinimumReplicasAvailable,
        'Deployment has minimum availability.',
        now,
      ),
    );
  } else {
    setCondition(
      status,
      newCondition(
        'Available',
        'False',
        DeploymentReasons.MinimumReplicasUnavailable,
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  }
  return status;
}

/** `DeploymentComplete`: every replica updated, existing and available, at the current generation. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const desired = desiredReplicas(d);
  return (
    (status.updatedReplicas ?? 0) === desired &&
    (status.replicas ?? 0) === desired &&
    (status.availableReplicas ?? 0) === desired &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** `DeploymentProgressing`: the new status shows any progress over the stored one. */
function progressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** When the progress deadline (counted from `Progressing.lastUpdateTime`) passes, in ms since the epoch. */
function deadlineAt(d: Deployment, condition: Condition): number | undefined {
  if (d.spec.progressDeadlineSeconds === undefined) return undefined;
  const from = Date.parse(condition.lastUpdateTime ?? '');
  if (Number.isNaN(from)) return undefined;
  return from + d.spec.progressDeadlineSeconds * 1000;
}

/** `DeploymentTimedOut`. */
function timedOut(d: Deployment, next: DeploymentStatus, now: Date): boolean {
  const condition = conditionOf(next, 'Progressing');
  if (!condition || condition.reason === DeploymentReasons.NewReplicaSetAvailable) return false;
  if (condition.reason === DeploymentReasons.ProgressDeadlineExceeded) return true;
  const at = deadlineAt(d, condition);
  return at !== undefined && at < now.getTime();
}

/** A status to write and when to look again (the progress deadline of a stuck rollout). */
export interface RolloutStatus {
  status: DeploymentStatus;
  /** Ms until the deadline check is due, when a rollout is under way. */
  recheckInMs?: number;
}

/**
 * `syncRolloutStatus`: the counters plus the `Progressing` condition — NewReplicaSetAvailable once
 * complete, ReplicaSetUpdated (lastUpdateTime moved) on any progress, ProgressDeadlineExceeded when no
 * progress was seen for `progressDeadlineSeconds`.
 */
export function rolloutStatus(
  d: Deployment,
  all: readonly ReplicaSet[],
  newSet: ReplicaSet | undefined,
  now: Date,
): RolloutStatus {
  const next = calculateStatus(d, all, newSet, now);
  const hasDeadline = d.spec.progressDeadlineSeconds !== undefined;
  if (!hasDeadline) removeCondition(next, 'Progressing');
  const current = conditionOf(d.status, 'Progressing');
  const complete =
    next.replicas === next.updatedReplicas && current?.reason === DeploymentReasons.NewReplicaSetAvailable;
  if (hasDeadline && !complete) {
    const subject = newSet ? `ReplicaSet "${newSet.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, next)) {
      setCondition(
        next,
        newCondition(
          'Progressing',
          'True',
          DeploymentReasons.NewReplicaSetAvailable,
          `${subject} has successfully progressed.`,
          now,
        ),
      );
    } else if (progressing(d, next)) {
      const condition = newCondition(
        'Progressing',
        'True',
        DeploymentReasons.ReplicaSetUpdated,
        `${subject} is progressing.`,
        now,
      );
      if (current?.status === 'True' && current.lastTransitionTime)
        condition.lastTransitionTime = current.lastTransitionTime;
      // Unlike other conditions, progress moves lastUpdateTime even when the reason stays.
      removeCondition(next, 'Progressing');
      setCondition(next, condition);
    } else if (timedOut(d, next, now)) {
      setCondition(
        next,
        newCondition(
          'Progressing',
          'False',
          DeploymentReasons.ProgressDeadlineExceeded,
          `${subject} has timed out progressing.`,
          now,
        ),
      );
    }
  }
  return { status: next, ...recheck(d, next, now) };
}

/** `requeueStuckDeployment`: a rollout under way is looked at again when its deadline passes. */
function recheck(d: Deployment, status: DeploymentStatus, now: Date): { recheckInMs?: number } {
  const condition = conditionOf(status, 'Progressing');
  if (!condition || deploymentComplete(d, status)) return {};
  if (
    condition.reason === DeploymentReasons.NewReplicaSetAvailable ||
    condition.reason === DeploymentReasons.ProgressDeadlineExceeded
  )
    return {};
  const at = deadlineAt(d, condition);
  if (at === undefined) return {};
  // One second past the deadline: timestamps have whole seconds and the check is strict.
  return { recheckInMs: Math.max(0, at - now.getTime()) + 1000 };
}
