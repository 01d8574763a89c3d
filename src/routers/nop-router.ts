import type { Canary } from '../apis/index.js';
import type { MeshRouter, RouteStatus, RouteWeights } from './mesh-router.js';

/**
 * The `kubernetes` provider's router: no routing objects (Blue/Green by Service selectors only). Routes are
 * inferred from the run (§2.8): all traffic on the canary once an iteration ran, else all on the primary.
 */
export class NopRouter implements MeshRouter {
  async reconcile(): Promise<void> {}

  async setRoutes(): Promise<RouteStatus | undefined> {
    return undefined;
  }

  async getRoutes(canary: Canary): Promise<RouteWeights> {
    return (canary.status?.iterations ?? 0) > 0
      ? { primary: 0, canary: 100, mirrored: false }
      : { primary: 100, canary: 0, mirrored: false };
  }

  async finalize(): Promise<void> {}
}
