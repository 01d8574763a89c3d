import type { Canary } from '../apis/index.js';
import type { KubeObject, OwnerReference } from '../kube/kube-object.js';

/** The three Service names of a canary, as Flagger derives them. */
export interface ServiceNames {
  /** `spec.service.name`, else the target's name. */
  apex: string;
  /** `<apex>-primary`. */
  primary: string;
  /** `<apex>-canary`. */
  canary: string;
}

/** The apex, primary and canary names of `canary`. */
export function serviceNames(canary: Canary): ServiceNames {
  const apex = canary.spec.service?.name || canary.spec.targetRef.name;
  return { apex, primary: `${apex}-primary`, canary: `${apex}-canary` };
}

/** The namespace of a canary (the API always sets it; `default` for objects built in memory). */
export function namespaceOf(canary: Canary): string {
  return canary.metadata.namespace ?? 'default';
}

/** The controller reference every generated object carries: `flagger.app/v1beta1` Canary, controller, blocking deletion. */
export function canaryOwnerRef(canary: Canary): OwnerReference {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    name: canary.metadata.name,
    uid: canary.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Who controls `object`: no Canary, another Canary, or this one. */
export function canaryControl(object: KubeObject, canary: Canary): 'none' | 'other' | 'this' {
  const controller = object.metadata.ownerReferences?.find((ref) => ref.controller === true);
  if (controller?.kind !== 'Canary') return 'none';
  return controller.name === canary.metadata.name ? 'this' : 'other';
}
