import { isJsonObject } from '../model/object.js';
import type { ResourceRegistry } from '../resources/registry.js';
import type { ObjectStore } from '../store/object-store.js';
import type { Change } from '../store/watch-event.js';
import { DeferredQueue } from './deferred-queue.js';
import type { DeletionService } from './deletion.js';

/** Dependencies of the namespace controller. */
export interface NamespaceControllerDeps {
  store: ObjectStore;
  registry: ResourceRegistry;
  deletion: DeletionService;
  onError: (message: string, error: unknown) => void;
}

/**
 * Empties a Terminating namespace: deletes everything in it (finalizers of the content are honoured),
 * then removes the `kubernetes` finalizer and the namespace itself.
 */
export class NamespaceController {
  private readonly queue: DeferredQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: NamespaceControllerDeps) {
    this.queue = new DeferredQueue(
      (ns) => this.process(ns),
      (ns, error) => deps.onError(`deleting namespace ${ns} failed`, error),
    );
    for (const ns of deps.store.list('namespaces')) {
      if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name ?? '');
    }
    this.unsubscribe = deps.store.subscribeAll((change) => this.observe(change));
  }

  /** Stops observing changes. */
  close(): void {
    this.unsubscribe();
  }

  /** Resolves when no namespace work is pending. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private observe(change: Change): void {
    if (change.storageKey === 'namespaces') {
      if (change.type !== 'DELETED' && change.object.metadata.deletionTimestamp)
        this.queue.add(change.object.metadata.name ?? '');
      return;
    }
    const ns = change.object.metadata.namespace;
    if (change.type === 'DELETED' && ns) {
      const namespace = this.deps.store.get('namespaces', '', ns);
      if (namespace?.metadata.deletionTimestamp) this.queue.add(ns);
    }
  }

  private process(name: string): void {
    const { store, registry, deletion } = this.deps;
    const namespace = store.get('namespaces', '', name);
    if (!namespace?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const storageKey of store.storageKeys()) {
      if (storageKey === 'namespaces') continue;
      const objects = store.list(storageKey, name);
      remaining += objects.length;
      const type = registry.byStorageKey(storageKey);
      for (const object of objects) {
        if (object.metadata.deletionTimestamp) continue;
        if (type) deletion.delete(type, name, object.metadata.name ?? '');
        else store.remove(storageKey, name, object.metadata.name ?? '');
      }
    }
    if (remaining > 0) return;
    const spec = isJsonObject(namespace.spec) ? namespace.spec : {};
    const specFinalizers = Array.isArray(spec.finalizers)
      ? spec.finalizers.filter((f) => f !== 'kubernetes')
      : [];
    if (specFinalizers.length === 0 && (namespace.metadata.finalizers ?? []).length === 0) {
      store.remove('namespaces', '', name);
      return;
    }
    if (Array.isArray(spec.finalizers) && spec.finalizers.includes('kubernetes')) {
      store.put('namespaces', { ...namespace, spec: { ...spec, finalizers: specFinalizers } });
    }
  }
}
