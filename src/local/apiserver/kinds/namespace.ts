import type { KindBehaviour } from '../resources/resource-type.js';

/** Namespaces carry their own name as a label, start Active and hold the `kubernetes` finalizer. */
export const namespaceBehaviour: KindBehaviour = {
  prepareForCreate(object) {
    const name = object.metadata.name ?? '';
    object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': name };
    object.spec = { finalizers: ['kubernetes'] };
    object.status = { phase: 'Active' };
  },
  prepareForUpdate(object, old) {
    const name = object.metadata.name ?? '';
    object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': name };
    object.spec = old.spec;
  },
};
