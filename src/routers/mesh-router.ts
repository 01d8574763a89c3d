import type { Canary, CanaryStatus } from '../apis/index.js';

/** Traffic split between primary and canary, as a router reads or writes it. */
export interface RouteWeights {
  primary: number;
  canary: number;
  /** Requests to the primary are copied to the canary. */
  mirrored: boolean;
}

/** The status fields a router keeps: Istio's session-affinity cookies (`<cookieName>=<10 letters>`). */
export type RouteStatus = Pick<
  CanaryStatus,
  'sessionAffinityCookie' | 'primarySessionAffinityCookie' | 'previousSessionAffinityCookie'
>;

/** The {@link RouteStatus} fields, for callers that copy them into a status. */
export const RouteStatusFields = [
  'sessionAffinityCookie',
  'primarySessionAffinityCookie',
  'previousSessionAffinityCookie',
] as const satisfies readonly (keyof RouteStatus)[];

/**
 * A traffic-shifting backend (Istio VirtualService, SMI TrafficSplit, …), mirroring Flagger's router
 * interface. Implementations read through the cluster cache and write only when something differs.
 */
export interface MeshRouter {
  /** Creates or corrects the routing objects; never changes the current weights. */
  reconcile(canary: Canary): Promise<void>;
  /**
   * Routes `weights` of the traffic; idempotent. Answers the {@link RouteStatus} the canary's status must
   * hold from now on (every field: an absent one is cleared), or undefined when the router keeps none; the
   * caller writes it with the rest of the tick's status (reads it back from `canary.status` next time).
   */
  setRoutes(canary: Canary, weights: RouteWeights): Promise<RouteStatus | undefined>;
  /** The current weights; throws when the routing object is missing or does not route to both services. */
  getRoutes(canary: Canary): Promise<RouteWeights>;
  /** Restores what the user had before Weir took over (revertOnDeletion). */
  finalize(canary: Canary): Promise<void>;
}
