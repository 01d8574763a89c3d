import type { KubeObject, OwnerReference } from '../../kube/kube-object.js';
import { keyOf } from '../../kube/kube-object.js';

/** The controller owner reference of an object, if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller);
}

/** Whether `object`'s controller is `owner` (by uid, as the garbage collector sees it). */
export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  const ref = controllerOf(object);
  return ref !== undefined && ref.uid === owner.metadata.uid && ref.kind === owner.kind;
}

/** The owner reference a controller puts on what it creates (`controller` and `blockOwnerDeletion`). */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The cache key of an object's controller (same namespace), when it is of `kind`. */
export function controllerKey(object: KubeObject, kind: string): string | undefined {
  const ref = controllerOf(object);
  if (!ref || ref.kind !== kind) return undefined;
  return keyOf({
    name: ref.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  });
}

/** Splits a `namespace/name` key. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
