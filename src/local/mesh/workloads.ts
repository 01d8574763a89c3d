import type { ClusterReader } from '../../kube/cluster-reader.js';
import type { KubeObject } from '../../kube/kube-object.js';
import { type PodObject, ReplicaSetType } from './cluster-types.js';

/** What Istio's telemetry says about the workload a pod belongs to. */
export interface Workload {
  /** The owning Deployment (through its ReplicaSet), DaemonSet, StatefulSet…, else the pod's own name. */
  name: string;
  namespace: string;
  /** `app` label (`app.kubernetes.io/name`), else `unknown`. */
  app: string;
  /** `version` label (`app.kubernetes.io/version`), else `unknown`. */
  version: string;
  /** `service.istio.io/canonical-name`, else the app name, else the workload name. */
  canonicalService: string;
}

/** Istio's value for a label it cannot fill. */
export const unknown = 'unknown';

function controllerOf(object: KubeObject) {
  return object.metadata.ownerReferences?.find((ref) => ref.controller);
}

/** The name of the workload that controls a pod, following pod → ReplicaSet → Deployment. */
function workloadName(pod: PodObject, reader: ClusterReader): string {
  const owner = controllerOf(pod);
  if (!owner) return pod.metadata.name;
  if (owner.kind !== 'ReplicaSet') return owner.name;
  const replicaSet = reader.get({
    ...ReplicaSetType,
    namespace: pod.metadata.namespace ?? '',
    name: owner.name,
  });
  if (replicaSet) {
    const deployment = controllerOf(replicaSet);
    return deployment?.kind === 'Deployment' ? deployment.name : owner.name;
  }
  // Not cached (yet): a Deployment's ReplicaSet is `<deployment>-<pod-template-hash>`.
  const hash = pod.metadata.labels?.['pod-template-hash'];
  return hash && owner.name.endsWith(`-${hash}`) ? owner.name.slice(0, -hash.length - 1) : owner.name;
}

/** The workload identity of a pod, as Istio's telemetry labels it. */
export function workloadOf(pod: PodObject, reader: ClusterReader): Workload {
  const labels = pod.metadata.labels ?? {};
  const name = workloadName(pod, reader);
  const app = labels.app ?? labels['app.kubernetes.io/name'];
  return {
    name,
    namespace: pod.metadata.namespace ?? 'default',
    app: app ?? unknown,
    version: labels.version ?? labels['app.kubernetes.io/version'] ?? unknown,
    canonicalService:
      labels['service.istio.io/canonical-name'] ?? labels['app.kubernetes.io/name'] ?? labels.app ?? name,
  };
}
