import type { Canary } from '../apis/index.js';

/** Traffic split between primary and canary, as a router reads or writes it. */
export interface RouteWeights {
  primary: number;
  canary: number;
  /** Requests to the primary are copied to the canary. */
  mirrored: boolean;
}

/**
 * A traffic-shifting backend (Istio VirtualService, SMI TrafficSplit, …), mirroring Flagger's router
 * interface. Implementations read through the cluster cache and write only when something differs.
 */
export interface MeshRouter {
  /** Creates or corrects the routing objects; never changes the current weights. */
  reconcile(canary: Canary): Promise<void>;
  /** Routes `weights` of the traffic; idempotent. */
  setRoutes(canary: Canary, weights: RouteWeights): Promise<void>;
  /** The current weights; throws when the routing object is missing or does not route to both services. */
  getRoutes(canary: Canary): Promise<RouteWeights>;
  /** Restores what the user had before Weir took over (revertOnDeletion). */
  finalize(canary: Canary): Promise<void>;
}
