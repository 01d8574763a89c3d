import type { KubeObject } from '../../src/kube/kube-object.js';

/**
 * An object as the API server holds it, minus what the server assigns and changes from run to run
 * (uid, resourceVersion, timestamps, managed fields; owners' uids), so inline snapshots stay stable.
 */
export function stableObject(object: KubeObject | undefined): unknown {
  if (!object) return object;
  const { uid, resourceVersion, creationTimestamp, managedFields, generation, ...metadata } =
    object.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  void [uid, resourceVersion, creationTimestamp, managedFields, generation];
  const ownerReferences = metadata.ownerReferences?.map((ref) => ({ ...ref, uid: `<${ref.kind} uid>` }));
  const { status: _status, ...rest } = object as KubeObject & { status?: unknown };
  return { ...rest, metadata: { ...metadata, ...(ownerReferences ? { ownerReferences } : {}) } };
}
