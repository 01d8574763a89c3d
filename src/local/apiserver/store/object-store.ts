import type { KubeObject } from '../model/object.js';
import { type Change, ChangeType } from './watch-event.js';
import { WatchHistory } from './watch-history.js';

/** Receives every committed change, synchronously, in commit order. */
export type ChangeListener = (change: Change) => void;

/** Where committed changes are made durable before the writer is answered. */
export interface ChangeSink {
  /** Persists one change; throws if it cannot, which fails the write. */
  append(change: Change): void;
}

/** Options for {@link ObjectStore}. */
export interface ObjectStoreOptions {
  /** Changes kept per resource for watches to resume from. */
  historySize?: number;
  /** The resourceVersion to continue from (after a restore). */
  initialRv?: number;
  /** Durability, called before a change becomes visible. */
  sink?: ChangeSink;
}

type Bucket = Map<string, Map<string, KubeObject>>;

/**
 * The server's single source of truth: objects by resource, namespace and name, one monotonically
 * increasing resourceVersion for every change, and a bounded history per resource for watches.
 * Stored objects are never mutated; every write stores a new object.
 */
export class ObjectStore {
  private rv: number;
  /** Changes before this were not seen by this process (they happened before a restart). */
  private readonly startRv: number;
  private readonly buckets = new Map<string, Bucket>();
  private readonly histories = new Map<string, WatchHistory>();
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private readonly globalListeners = new Set<ChangeListener>();
  private readonly historySize: number;
  private readonly sink: ChangeSink | undefined;

  constructor(options: ObjectStoreOptions = {}) {
    this.rv = options.initialRv ?? 0;
    this.startRv = this.rv;
    this.historySize = options.historySize ?? 10_000;
    this.sink = options.sink;
  }

  /** The resourceVersion of the latest change. */
  get resourceVersion(): number {
    return this.rv;
  }

  /** One object, or undefined. */
  get(storageKey: string, namespace: string, name: string): KubeObject | undefined {
    return this.buckets.get(storageKey)?.get(namespace)?.get(name);
  }

  /** Objects of a resource, in one namespace or all (undefined), ordered by namespace then name. */
  list(storageKey: string, namespace?: string): KubeObject[] {
    const bucket = this.buckets.get(storageKey);
    if (!bucket) return [];
    if (namespace !== undefined) return sortedValues(bucket.get(namespace));
    const namespaces = [...bucket.keys()].sort();
    return namespaces.flatMap((ns) => sortedValues(bucket.get(ns)));
  }

  /** Number of objects of a resource in a namespace (or all). */
  count(storageKey: string, namespace?: string): number {
    const bucket = this.buckets.get(storageKey);
    if (!bucket) return 0;
    if (namespace !== undefined) return bucket.get(namespace)?.size ?? 0;
    let n = 0;
    for (const names of bucket.values()) n += names.size;
    return n;
  }

  /** Storage keys that currently hold objects. */
  storageKeys(): string[] {
    return [...this.buckets.keys()];
  }

  /** Creates or replaces an object; stamps and returns it with the new resourceVersion. */
  put(storageKey: string, object: KubeObject): KubeObject {
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name ?? '';
    const previous = this.get(storageKey, namespace, name);
    const rv = this.rv + 1;
    const stored: KubeObject = { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
    this.commit({
      type: previous ? ChangeType.Modified : ChangeType.Added,
      rv,
      storageKey,
      object: stored,
      previous,
    });
    return stored;
  }

  /** Removes an object; returns its last state, stamped with the deletion's resourceVersion. */
  remove(storageKey: string, namespace: string, name: string): KubeObject | undefined {
    const previous = this.get(storageKey, namespace, name);
    if (!previous) return undefined;
    const rv = this.rv + 1;
    const last: KubeObject = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } };
    this.commit({ type: ChangeType.Deleted, rv, storageKey, object: last, previous });
    return last;
  }

  /** Changes of a resource after `rv`; undefined when `rv` is older than the kept history. */
  changesSince(storageKey: string, rv: number): Change[] | undefined {
    return this.history(storageKey).since(rv);
  }

  /** Subscribes to the changes of one resource; returns the unsubscribe function. */
  subscribe(storageKey: string, listener: ChangeListener): () => void {
    let set = this.listeners.get(storageKey);
    if (!set) {
      set = new Set();
      this.listeners.set(storageKey, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Subscribes to the changes of every resource (controllers inside the server). */
  subscribeAll(listener: ChangeListener): () => void {
    this.globalListeners.add(listener);
    return () => this.globalListeners.delete(listener);
  }

  /** Loads objects without emitting changes (restoring from disk). */
  load(storageKey: string, objects: Iterable<KubeObject>): void {
    for (const object of objects) this.place(storageKey, object);
  }

  /** Removes an object without emitting a change (replaying a journal). */
  unload(storageKey: string, namespace: string, name: string): void {
    const bucket = this.buckets.get(storageKey);
    const names = bucket?.get(namespace);
    names?.delete(name);
    if (names && names.size === 0) bucket?.delete(namespace);
  }

  private commit(change: Change): void {
    this.sink?.append(change);
    this.rv = change.rv;
    if (change.type === ChangeType.Deleted) {
      this.unload(
        change.storageKey,
        change.object.metadata.namespace ?? '',
        change.object.metadata.name ?? '',
      );
    } else {
      this.place(change.storageKey, change.object);
    }
    this.history(change.storageKey).push(change);
    const listeners = this.listeners.get(change.storageKey);
    if (listeners) for (const listener of [...listeners]) listener(change);
    for (const listener of [...this.globalListeners]) listener(change);
  }

  private place(storageKey: string, object: KubeObject): void {
    let bucket = this.buckets.get(storageKey);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(storageKey, bucket);
    }
    const ns = object.metadata.namespace ?? '';
    let names = bucket.get(ns);
    if (!names) {
      names = new Map();
      bucket.set(ns, names);
    }
    names.set(object.metadata.name ?? '', object);
  }

  private history(storageKey: string): WatchHistory {
    let history = this.histories.get(storageKey);
    if (!history) {
      history = new WatchHistory(this.historySize, this.startRv);
      this.histories.set(storageKey, history);
    }
    return history;
  }
}

function sortedValues(names: Map<string, KubeObject> | undefined): KubeObject[] {
  if (!names) return [];
  return [...names.keys()].sort().map((name) => names.get(name)!);
}
