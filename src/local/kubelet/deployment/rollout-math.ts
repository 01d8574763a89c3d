import type { Deployment, ReplicaSet } from '../../../kube/api/apps-v1.js';
import { scaledValue } from '../int-or-percent.js';

/** Annotations the deployment controller keeps on ReplicaSets (and the revision on the Deployment). */
export const DeploymentAnnotations = {
  revision: 'deployment.kubernetes.io/revision',
  revisionHistory: 'deployment.kubernetes.io/revision-history',
  desiredReplicas: 'deployment.kubernetes.io/desired-replicas',
  maxReplicas: 'deployment.kubernetes.io/max-replicas',
} as const;

/** The Deployment strategies. */
export const DeploymentStrategies = { RollingUpdate: 'RollingUpdate', Recreate: 'Recreate' } as const;

/** `spec.replicas` (the API defaults it to 1). */
export function desiredReplicas(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

/** Whether the Deployment rolls (the default) rather than recreates. */
export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? DeploymentStrategies.RollingUpdate) === DeploymentStrategies.RollingUpdate;
}

/** `ResolveFenceposts`: maxSurge (rounded up) and maxUnavailable (rounded down), never both 0. */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = desiredReplicas(d);
  const rolling = d.spec.strategy?.rollingUpdate;
  const surge = scaledValue(rolling?.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(rolling?.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** `MaxUnavailable`: 0 for Recreate or zero replicas, at most the replicas. */
export function maxUnavailable(d: Deployment): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(fenceposts(d).unavailable, desired);
}

/** `MaxSurge`: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

/** Sum of `spec.replicas`. */
export function specReplicas(sets: readonly ReplicaSet[]): number {
  return sets.reduce((sum, rs) => sum + (rs.spec.replicas ?? 0), 0);
}

/** Sum of `status.replicas` (pods that exist). */
export function actualReplicas(sets: readonly ReplicaSet[]): number {
  return sets.reduce((sum, rs) => sum + (rs.status?.replicas ?? 0), 0);
}

/** Sum of `status.readyReplicas`. */
export function readyReplicas(sets: readonly ReplicaSet[]): number {
  return sets.reduce((sum, rs) => sum + (rs.status?.readyReplicas ?? 0), 0);
}

/** Sum of `status.availableReplicas`. */
export function availableReplicas(sets: readonly ReplicaSet[]): number {
  return sets.reduce((sum, rs) => sum + (rs.status?.availableReplicas ?? 0), 0);
}

/** ReplicaSets with replicas wanted. */
export function activeSets(sets: readonly ReplicaSet[]): ReplicaSet[] {
  return sets.filter((rs) => (rs.spec.replicas ?? 0) > 0);
}

/** Oldest first (creation time, then name), as `ReplicaSetsByCreationTimestamp`. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  return at === bt ? a.metadata.name.localeCompare(b.metadata.name) : at < bt ? -1 : 1;
}

/** `NewRSNewReplicas`: how far the new ReplicaSet may grow now. */
export function newSetReplicas(d: Deployment, all: readonly ReplicaSet[], newSet: ReplicaSet): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d)) return desired;
  const current = newSet.spec.replicas ?? 0;
  const maxTotal = desired + fenceposts(d).surge;
  const total = specReplicas(all);
  if (total >= maxTotal) return current;
  return current + Math.min(maxTotal - total, desired - current);
}

/** A change of one ReplicaSet's `spec.replicas`. */
export interface ScaleStep {
  set: ReplicaSet;
  replicas: number;
}

/**
 * `reconcileOldReplicaSets`: how the old ReplicaSets shrink now — unhealthy replicas first (so they cannot
 * block a rollout), then available ones down to `replicas - maxUnavailable` available in all.
 */
export function oldSetsScaleDown(
  d: Deployment,
  all: readonly ReplicaSet[],
  oldSets: readonly ReplicaSet[],
  newSet: ReplicaSet,
): ScaleStep[] {
  const oldCount = specReplicas(oldSets);
  if (oldCount === 0) return [];
  const desired = desiredReplicas(d);
  const minAvailable = desired - maxUnavailable(d);
  const newUnavailable = (newSet.spec.replicas ?? 0) - (newSet.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];

  const sizes = new Map<ReplicaSet, number>(oldSets.map((rs) => [rs, rs.spec.replicas ?? 0]));
  const sorted = [...oldSets].sort(byCreation);
  // cleanupUnhealthyReplicas
  let cleaned = 0;
  for (const rs of sorted) {
    if (cleaned >= maxScaledDown) break;
    const size = sizes.get(rs)!;
    const available = rs.status?.availableReplicas ?? 0;
    if (size === 0 || size === available) continue;
    const down = Math.min(maxScaledDown - cleaned, size - available);
    sizes.set(rs, size - down);
    cleaned += down;
  }
  // scaleDownOldReplicaSetsForRollingUpdate
  const availableNow = availableReplicas([...oldSets, newSet]);
  if (availableNow > minAvailable) {
    const budget = availableNow - minAvailable;
    let scaled = 0;
    for (const rs of sorted) {
      if (scaled >= budget) break;
      const size = sizes.get(rs)!;
      if (size === 0) continue;
      const down = Math.min(size, budget - scaled);
      sizes.set(rs, size - down);
      scaled += down;
    }
  }
  return sorted
    .filter((rs) => sizes.get(rs) !== (rs.spec.replicas ?? 0))
    .map((rs) => ({ set: rs, replicas: sizes.get(rs)! }));
}

/** `FindActiveOrLatest`: the one active set, else (none active) the new or newest one; undefined when several are active. */
export function activeOrLatest(
  newSet: ReplicaSet | undefined,
  oldSets: readonly ReplicaSet[],
): ReplicaSet | undefined {
  if (!newSet && oldSets.length === 0) return undefined;
  const newestFirst = [...oldSets].sort(byCreation).reverse();
  const active = activeSets(newSet ? [...newestFirst, newSet] : newestFirst);
  if (active.length === 0) return newSet ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** `IsSaturated`: the new set has all replicas wanted, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicas(d);
  return (
    rs.metadata.annotations?.[DeploymentAnnotations.desiredReplicas] === String(desired) &&
    (rs.status?.availableReplicas ?? 0) === desired &&
    (rs.spec.replicas ?? 0) === desired
  );
}

/**
 * `scale()` for a rolling Deployment with several active sets: the replicas added or removed are shared
 * out in proportion to the sets' sizes (larger first; newer first when growing, older first when
 * shrinking), leftovers to the first.
 */
export function proportionalScale(d: Deployment, sets: readonly ReplicaSet[]): ScaleStep[] {
  const active = activeSets(sets);
  const total = specReplicas(active);
  const desired = desiredReplicas(d);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - total;
  if (toAdd === 0 || total === 0) return [];
  const ordered = [...active].sort((a, b) => {
    const size = (b.spec.replicas ?? 0) - (a.spec.replicas ?? 0);
    if (size !== 0) return size;
    return toAdd > 0 ? byCreation(b, a) : byCreation(a, b);
  });
  let added = 0;
  const sizes = ordered.map((rs) => {
    const share = Math.round(((rs.spec.replicas ?? 0) * toAdd) / total);
    const bounded = toAdd > 0 ? Math.min(share, toAdd - added) : Math.max(share, toAdd - added);
    added += bounded;
    return (rs.spec.replicas ?? 0) + bounded;
  });
  sizes[0] = Math.max(0, sizes[0]! + (toAdd - added));
  return ordered
    .map((set, i) => ({ set, replicas: Math.max(0, sizes[i]!) }))
    .filter((step) => step.replicas !== (step.set.spec.replicas ?? 0));
}
