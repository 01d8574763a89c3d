import { isJsonObject } from '../model/object.js';

/** The JSON fields of `metav1.ObjectMeta`; anything else in `metadata` is dropped on decode. */
export const objectMetaFields: ReadonlySet<string> = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

/**
 * Drops the fields of a resource's `metadata` that ObjectMeta does not have, recording each as
 * `<prefix>metadata.<field>` in `removed`.
 */
export function coerceObjectMeta(resource: Record<string, unknown>, prefix: string, removed: string[]): void {
  const metadata = resource.metadata;
  if (!isJsonObject(metadata)) return;
  for (const key of Object.keys(metadata)) {
    if (objectMetaFields.has(key)) continue;
    removed.push(`${prefix}metadata.${key}`);
    delete metadata[key];
  }
}
