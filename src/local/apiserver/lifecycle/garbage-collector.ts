import type { KubeObject, OwnerReference } from '../model/object.js';
import type { ResourceRegistry } from '../resources/registry.js';
import type { ObjectStore } from '../store/object-store.js';
import type { Change } from '../store/watch-event.js';
import { DeferredQueue } from './deferred-queue.js';
import { type DeletionService, GcFinalizer } from './deletion.js';
import { PropagationPolicy } from './write-options.js';

interface Location {
  storageKey: string;
  namespace: string;
  name: string;
}

function locationKey(l: Location): string {
  return `${l.storageKey}|${l.namespace}|${l.name}`;
}

function parseLocation(key: string): Location {
  const [storageKey = '', namespace = '', name = ''] = key.split('|');
  return { storageKey, namespace, name };
}

/** Dependencies of the garbage collector. */
export interface GarbageCollectorDeps {
  store: ObjectStore;
  registry: ResourceRegistry;
  deletion: DeletionService;
  onError: (message: string, error: unknown) => void;
}

/**
 * Deletes dependents whose owners are gone (background), deletes dependents before their owner
 * (`foregroundDeletion`), and releases dependents of an orphaning delete (`orphan`), by ownerReferences.
 */
export class GarbageCollector {
  private readonly byUid = new Map<string, string>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly queue: DeferredQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: GarbageCollectorDeps) {
    this.queue = new DeferredQueue(
      (uid) => this.process(uid),
      (uid, error) => deps.onError(`garbage collection of owner ${uid} failed`, error),
    );
    for (const storageKey of deps.store.storageKeys()) {
      for (const object of deps.store.list(storageKey)) this.index(storageKey, object, undefined);
    }
    // Owners that disappeared or started deleting while the server was down are handled at start.
    for (const uid of this.dependents.keys()) this.queue.add(uid);
    for (const [uid, key] of this.byUid) {
      const owner = this.load(key);
      if (owner?.metadata.deletionTimestamp) this.queue.add(uid);
    }
    this.unsubscribe = deps.store.subscribeAll((change) => this.observe(change));
  }

  /** Stops observing changes. */
  close(): void {
    this.unsubscribe();
  }

  /** Resolves when no garbage collection work is pending. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private observe(change: Change): void {
    const object = change.type === 'DELETED' ? undefined : change.object;
    this.index(change.storageKey, object, change.previous);
    const uid = change.object.metadata.uid;
    if (!uid) return;
    if (change.type === 'DELETED' || change.object.metadata.deletionTimestamp) this.queue.add(uid);
    // A dependent going away may unblock an owner's foreground deletion.
    for (const ref of change.previous?.metadata.ownerReferences ?? []) {
      if (change.type === 'DELETED') this.queue.add(ref.uid);
    }
  }

  private index(storageKey: string, object: KubeObject | undefined, previous: KubeObject | undefined): void {
    const source = object ?? previous;
    if (!source) return;
    const key = locationKey({
      storageKey,
      namespace: source.metadata.namespace ?? '',
      name: source.metadata.name ?? '',
    });
    for (const ref of previous?.metadata.ownerReferences ?? []) this.dependents.get(ref.uid)?.delete(key);
    if (previous?.metadata.uid && !object) this.byUid.delete(previous.metadata.uid);
    if (!object) return;
    if (object.metadata.uid) this.byUid.set(object.metadata.uid, key);
    for (const ref of object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) {
        set = new Set();
        this.dependents.set(ref.uid, set);
      }
      set.add(key);
    }
  }

  private load(key: string): KubeObject | undefined {
    const l = parseLocation(key);
    return this.deps.store.get(l.storageKey, l.namespace, l.name);
  }

  private process(uid: string): void {
    const ownerKey = this.byUid.get(uid);
    const owner = ownerKey ? this.load(ownerKey) : undefined;
    const dependentKeys = [...(this.dependents.get(uid) ?? [])];
    if (!owner) {
      this.dependents.delete(uid);
      for (const key of dependentKeys) this.releaseOrDelete(key, uid, PropagationPolicy.Background);
      return;
    }
    const finalizers = owner.metadata.finalizers ?? [];
    if (!owner.metadata.deletionTimestamp) return;
    if (finalizers.includes(GcFinalizer.Orphan)) {
      for (const key of dependentKeys) this.removeOwnerRef(key, uid);
      this.removeFinalizer(ownerKey!, GcFinalizer.Orphan);
      return;
    }
    if (finalizers.includes(GcFinalizer.Foreground)) {
      let blocking = 0;
      for (const key of dependentKeys) {
        const dependent = this.load(key);
        if (!dependent) continue;
        const ref = dependent.metadata.ownerReferences?.find((r) => r.uid === uid);
        if (ref?.blockOwnerDeletion) blocking++;
        if (!dependent.metadata.deletionTimestamp) this.deleteObject(key, PropagationPolicy.Foreground);
      }
      if (blocking === 0) this.removeFinalizer(ownerKey!, GcFinalizer.Foreground);
    }
  }

  /** A dependent of a vanished owner: deleted if no other owner is alive, else the dangling reference is removed. */
  private releaseOrDelete(key: string, ownerUid: string, policy: PropagationPolicy): void {
    const dependent = this.load(key);
    if (!dependent) return;
    const others = (dependent.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
    const alive = others.filter((r) => this.ownerExists(r));
    if (alive.length === 0) this.deleteObject(key, policy);
    else this.removeOwnerRef(key, ownerUid);
  }

  private ownerExists(ref: OwnerReference): boolean {
    const key = this.byUid.get(ref.uid);
    return key !== undefined && this.load(key) !== undefined;
  }

  private deleteObject(key: string, policy: PropagationPolicy): void {
    const l = parseLocation(key);
    const type = this.deps.registry.byStorageKey(l.storageKey);
    if (!type) {
      this.deps.store.remove(l.storageKey, l.namespace, l.name);
      return;
    }
    const object = this.load(key);
    if (!object || object.metadata.deletionTimestamp) return;
    this.deps.deletion.delete(type, l.namespace, l.name, { propagationPolicy: policy });
  }

  private removeOwnerRef(key: string, ownerUid: string): void {
    const dependent = this.load(key);
    if (!dependent) return;
    const refs = (dependent.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
    const metadata = { ...dependent.metadata };
    if (refs.length > 0) metadata.ownerReferences = refs;
    else delete metadata.ownerReferences;
    this.deps.store.put(parseLocation(key).storageKey, { ...dependent, metadata });
  }

  private removeFinalizer(key: string, finalizer: string): void {
    const object = this.load(key);
    if (!object) return;
    const l = parseLocation(key);
    const finalizers = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    const isNamespace = l.storageKey === 'namespaces';
    if (finalizers.length === 0 && object.metadata.deletionTimestamp && !isNamespace) {
      this.deps.store.remove(l.storageKey, l.namespace, l.name);
      return;
    }
    const metadata = { ...object.metadata };
    if (finalizers.length > 0) metadata.finalizers = finalizers;
    else delete metadata.finalizers;
    this.deps.store.put(l.storageKey, { ...object, metadata });
  }
}
