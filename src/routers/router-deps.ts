import type { ClusterReader } from '../kube/cluster-reader.js';
import type { KubeClient } from '../kube/kube-client.js';
import type { Logger } from '../platform/logger.js';

/** What every router is built from. */
export interface RouterDeps {
  /** Writes (and the rare fresh read after a conflict). */
  client: KubeClient;
  /** Cached reads; must track the kinds `routingTypes(provider)` names (and Services for the KubernetesRouter). */
  reader: ClusterReader;
  /** Where `VirtualService podinfo.test created` and friends go. */
  logger: Logger;
  /**
   * Whether routing objects get a controller reference to their Canary (Flagger's `setOwnerRefs`: false when
   * the mesh lives in another cluster than the Canary). True by default; generated Services always get one.
   */
  setOwnerRefs?: boolean;
  /** A number in [0, 1) for generated values (session-affinity cookies); `Math.random` by default. */
  random?: () => number;
}
