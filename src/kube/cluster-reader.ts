import type { KubeObject, ObjectRef, TypeRef } from './kube-object.js';

/**
 * Reads of cluster state from informer caches: no API request per read. What the operator itself wrote
 * is visible at once (write-through), what others wrote as soon as the watch delivers it.
 */
export interface ClusterReader {
  /** The cached object, or undefined when absent (or its kind is not cached). */
  get<T extends KubeObject>(ref: ObjectRef): T | undefined;
  /** Cached objects of a kind in a namespace (all namespaces when undefined). */
  list<T extends KubeObject>(type: TypeRef, namespace?: string): T[];
}
