import type { KubeObject } from '../model/object.js';
import { typesFromCrd } from '../resources/crd-types.js';
import type { ResourceRegistry } from '../resources/registry.js';
import type { ObjectStore } from '../store/object-store.js';

export const crdStorageKey = 'customresourcedefinitions.apiextensions.k8s.io';

/**
 * Serves the resources CRDs define: registers their types as soon as a CRD is stored (so the very
 * next request can use them), re-registers on change, and on deletion removes the custom objects.
 */
export class CrdController {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: ResourceRegistry,
    private readonly onError: (message: string, error: unknown) => void,
  ) {
    for (const crd of store.list(crdStorageKey)) this.register(crd);
    this.unsubscribe = store.subscribe(crdStorageKey, (change) => {
      if (change.type === 'DELETED') this.remove(change.object);
      else this.register(change.object);
    });
  }

  /** Stops observing CRDs. */
  close(): void {
    this.unsubscribe();
  }

  private register(crd: KubeObject): void {
    try {
      this.registry.setOwned(`crd:${crd.metadata.name}`, typesFromCrd(crd));
    } catch (error) {
      this.onError(`serving CRD ${crd.metadata.name} failed`, error);
    }
  }

  private remove(crd: KubeObject): void {
    this.registry.setOwned(`crd:${crd.metadata.name}`, []);
    // A CRD is named <plural>.<group>, which is also where its objects are kept.
    const storageKey = crd.metadata.name ?? '';
    for (const object of this.store.list(storageKey)) {
      this.store.remove(storageKey, object.metadata.namespace ?? '', object.metadata.name ?? '');
    }
  }
}
