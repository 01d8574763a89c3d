import type { Clock } from '../../platform/clock.js';
import { bootstrap } from './bootstrap.js';
import { CrdController } from './lifecycle/crd-controller.js';
import { DeletionService } from './lifecycle/deletion.js';
import { GarbageCollector } from './lifecycle/garbage-collector.js';
import { NamespaceController } from './lifecycle/namespace-controller.js';
import { ResourceService } from './lifecycle/resource-service.js';
import { ScaleService } from './lifecycle/scale.js';
import { builtinTypes } from './resources/builtin-types.js';
import { ResourceRegistry } from './resources/registry.js';
import type { ObjectStore } from './store/object-store.js';

/** The API server without HTTP: types, rules and in-server controllers over one store. */
export interface ApiCore {
  store: ObjectStore;
  registry: ResourceRegistry;
  resources: ResourceService;
  deletion: DeletionService;
  scale: ScaleService;
  /** Resolves once garbage collection and namespace deletion have nothing pending. */
  settled(): Promise<void>;
  /** Stops the in-server controllers. */
  close(): Promise<void>;
}

/** Builds the core over a store (restored or empty) and creates the system namespaces on first start. */
export function createApiCore(options: {
  store: ObjectStore;
  clock: Clock;
  onError: (message: string, error: unknown) => void;
}): ApiCore {
  const { store, clock, onError } = options;
  const registry = new ResourceRegistry();
  registry.setOwned('builtin', builtinTypes());
  const crds = new CrdController(store, registry, onError);
  const resources = new ResourceService({ store, clock });
  const deletion = new DeletionService(store, clock);
  const gc = new GarbageCollector({ store, registry, deletion, onError });
  const namespaces = new NamespaceController({ store, registry, deletion, onError });
  bootstrap(registry, resources);
  const settled = async () => {
    // Each controller's work can queue work for the other; two rounds reach quiet.
    for (let round = 0; round < 3; round++) await Promise.all([gc.idle(), namespaces.idle()]);
  };
  return {
    store,
    registry,
    resources,
    deletion,
    scale: new ScaleService(resources),
    settled,
    async close() {
      await settled();
      gc.close();
      namespaces.close();
      crds.close();
    },
  };
}
