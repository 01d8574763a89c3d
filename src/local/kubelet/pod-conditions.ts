import type { Pod } from '../../kube/api/core-v1.js';

/** The pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Not finished (Succeeded/Failed) and not being deleted: a pod a controller counts. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** When the pod became Ready (ms), undefined when it is not ready. */
export function readySince(pod: Pod): number | undefined {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return undefined;
  const at = Date.parse(ready.lastTransitionTime ?? '');
  return Number.isNaN(at) ? 0 : at;
}

/**
 * `podutil.IsPodAvailable`: ready, and ready for longer than `minReadySeconds` at `now`. Returns when it
 * becomes available as `availableInMs` when it is ready but not yet available.
 */
export function podAvailability(
  pod: Pod,
  minReadySeconds: number,
  now: Date,
): { available: boolean; availableInMs?: number } {
  const since = readySince(pod);
  if (since === undefined) return { available: false };
  if (minReadySeconds <= 0) return { available: true };
  const at = since + minReadySeconds * 1000;
  // Kubernetes compares with Before (strictly earlier); timestamps have whole seconds.
  if (at < now.getTime()) return { available: true };
  return { available: false, availableInMs: at - now.getTime() + 1 };
}
