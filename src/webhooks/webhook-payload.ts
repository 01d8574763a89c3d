import type { Canary, CanaryStatus } from '../apis/index.js';
import { computeHash } from './compute-hash.js';

/** The JSON body of every webhook call (Flagger's `CanaryWebhookPayload`), members in Flagger's order. */
export interface CanaryWebhookPayload {
  /** Name of the Canary. */
  name: string;
  /** Namespace of the Canary. */
  namespace: string;
  /** The phase the call is made for (usually `status.phase`). */
  phase: string;
  /** Identifies the revision under analysis; changes when the target or its configs change. */
  checksum: string;
  /** The hook's metadata, keys sorted; absent (not `null`) when the hook has none. */
  metadata?: Record<string, string>;
}

/**
 * The payload checksum: a hash of `status.trackedConfigs` and `status.lastAppliedSpec`, so a receiver
 * (the load tester, a gate) can tell one canary revision from the next.
 */
export function webhookChecksum(status: CanaryStatus | undefined): string {
  return computeHash({
    trackedConfigs: status?.trackedConfigs ?? null,
    lastAppliedSpec: status?.lastAppliedSpec ?? '',
  });
}

/** The payload POSTed to a hook of `canary` for `phase`. */
export function webhookPayload(
  canary: Canary,
  phase: string,
  metadata?: Record<string, string>,
): CanaryWebhookPayload {
  const payload: CanaryWebhookPayload = {
    name: canary.metadata.name,
    namespace: canary.metadata.namespace ?? '',
    phase,
    checksum: webhookChecksum(canary.status),
  };
  // Keys sorted, as Go's encoder writes a map: the same bytes as Flagger's payload.
  if (metadata)
    payload.metadata = Object.fromEntries(Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : 1)));
  return payload;
}
