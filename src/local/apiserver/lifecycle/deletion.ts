import { type Clock, rfc3339 } from '../../../platform/clock.js';
import { ApiError, notFound } from '../model/api-error.js';
import type { KubeObject } from '../model/object.js';
import type { ResourceType } from '../resources/resource-type.js';
import type { ObjectStore } from '../store/object-store.js';
import { groupResource } from './resource-service.js';
import { type DeleteOptions, PropagationPolicy } from './write-options.js';

/** The finalizers the garbage collector acts on. */
export const GcFinalizer = { Foreground: 'foregroundDeletion', Orphan: 'orphan' } as const;

/** The outcome of a delete: the object's last state, and whether it is gone or only marked. */
export interface DeleteResult {
  object: KubeObject;
  /** True when finalizers keep the object until they are removed. */
  pending: boolean;
}

/** Deletes objects with the real server's semantics: preconditions, finalizers, propagation policies. */
export class DeletionService {
  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
  ) {}

  /** Deletes (or marks for deletion) one object. */
  delete(type: ResourceType, namespace: string, name: string, options: DeleteOptions = {}): DeleteResult {
    const ns = type.namespaced ? namespace : '';
    const old = this.store.get(type.storageKey, ns, name);
    if (!old) throw notFound(groupResource(type), name);
    checkPreconditions(type, old, options);
    const policy = options.propagationPolicy ?? PropagationPolicy.Background;
    const finalizers = [...(old.metadata.finalizers ?? [])];
    if (policy === PropagationPolicy.Foreground && !finalizers.includes(GcFinalizer.Foreground)) {
      finalizers.push(GcFinalizer.Foreground);
    }
    if (policy === PropagationPolicy.Orphan && !finalizers.includes(GcFinalizer.Orphan)) {
      finalizers.push(GcFinalizer.Orphan);
    }
    const isNamespace = type.kind === 'Namespace' && type.group === '';
    if (finalizers.length > 0 || isNamespace) {
      if (old.metadata.deletionTimestamp && sameList(finalizers, old.metadata.finalizers ?? [])) {
        return { object: type.codec.toServed(old), pending: true };
      }
      const marked: KubeObject = {
        ...old,
        metadata: {
          ...old.metadata,
          deletionTimestamp: old.metadata.deletionTimestamp ?? rfc3339(this.clock.now()),
          deletionGracePeriodSeconds: 0,
          ...(finalizers.length > 0 ? { finalizers } : {}),
        },
      };
      if (isNamespace) marked.status = { ...(old.status as object | undefined), phase: 'Terminating' };
      if (type.tracksGeneration && !old.metadata.deletionTimestamp) {
        marked.metadata.generation = (old.metadata.generation ?? 0) + 1;
      }
      if (options.dryRun) return { object: type.codec.toServed(marked), pending: true };
      return { object: type.codec.toServed(this.store.put(type.storageKey, marked)), pending: true };
    }
    if (options.dryRun) return { object: type.codec.toServed(old), pending: false };
    const last = this.store.remove(type.storageKey, ns, name) ?? old;
    return { object: type.codec.toServed(last), pending: false };
  }
}

function checkPreconditions(type: ResourceType, old: KubeObject, options: DeleteOptions): void {
  const pre = options.preconditions;
  const name = old.metadata.name ?? '';
  if (pre?.uid && pre.uid !== old.metadata.uid) {
    throw new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on ${type.group ? `${type.plural}.${type.group}` : type.plural} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`,
      { name, group: type.group, kind: type.plural },
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
    throw new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on ${type.group ? `${type.plural}.${type.group}` : type.plural} "${name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      { name, group: type.group, kind: type.plural },
    );
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
