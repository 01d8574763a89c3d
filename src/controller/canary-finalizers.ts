import type { Canary } from '../apis/index.js';
import type { KubeClient } from '../kube/kube-client.js';
import { isConflict, isNotFound } from '../kube/kube-errors.js';
import { refOf } from '../kube/kube-object.js';

/** The finalizer that holds a `revertOnDeletion` Canary until its target and routing are restored. */
export const CanaryFinalizer = 'finalizer.flagger.app';

/** Attempts of a metadata update that keeps meeting concurrent writers. */
const updateAttempts = 5;

/** Whether the canary carries {@link CanaryFinalizer}. */
export function hasFinalizer(canary: Canary): boolean {
  return (canary.metadata.finalizers ?? []).includes(CanaryFinalizer);
}

/** The finalizers with {@link CanaryFinalizer} added or removed; undefined when the list stays as it is. */
export function nextFinalizers(
  current: readonly string[] | undefined,
  present: boolean,
): string[] | undefined {
  const list = current ?? [];
  if (list.includes(CanaryFinalizer) === present) return undefined;
  return present ? [...list, CanaryFinalizer] : list.filter((f) => f !== CanaryFinalizer);
}

/**
 * Adds or removes {@link CanaryFinalizer} with a full update of the Canary (as Flagger does), starting
 * again from the server's copy on a conflict. Answers the canary as stored afterwards, or undefined when
 * it no longer exists (deleted once its last finalizer went).
 */
export async function setFinalizer(
  client: KubeClient,
  canary: Canary,
  present: boolean,
): Promise<Canary | undefined> {
  let base: Canary | undefined = canary;
  for (let attempt = 1; base; attempt++) {
    const finalizers = nextFinalizers(base.metadata.finalizers, present);
    if (!finalizers) return base;
    const metadata = { ...base.metadata, finalizers };
    if (finalizers.length === 0) delete (metadata as { finalizers?: string[] }).finalizers;
    try {
      return await client.replace<Canary>({ ...base, metadata });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      if (!isConflict(error) || attempt >= updateAttempts) throw error;
    }
    base = await client.get<Canary>(refOf(canary));
  }
  return undefined;
}
