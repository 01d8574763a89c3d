import type { Deployment, ReplicaSet } from '../../../kube/api/apps-v1.js';
import { withLabel } from '../label-selector.js';
import { controllerRef } from '../owners.js';
import { PodTemplateHashLabel, sameTemplate, templateHash } from '../template-hash.js';
import { DeploymentAnnotations, desiredReplicas, maxSurge } from './rollout-math.js';

const notCopied = new Set<string>([
  'kubectl.kubernetes.io/last-applied-configuration',
  DeploymentAnnotations.revision,
  DeploymentAnnotations.revisionHistory,
  DeploymentAnnotations.desiredReplicas,
  DeploymentAnnotations.maxReplicas,
  'deprecated.deployment.rollback.to',
]);

/** `FindNewReplicaSet`: the (oldest) set whose template is the Deployment's. */
export function findNewSet(d: Deployment, sets: readonly ReplicaSet[]): ReplicaSet | undefined {
  return sets.find((rs) => sameTemplate(rs.spec.template, d.spec.template));
}

/** The revision of a set (0 when unknown). */
export function revisionOf(rs: ReplicaSet): number {
  const value = Number(rs.metadata.annotations?.[DeploymentAnnotations.revision] ?? '0');
  return Number.isFinite(value) ? value : 0;
}

/** `MaxRevision` of the old sets. */
export function maxRevision(sets: readonly ReplicaSet[]): number {
  return sets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/** `SetReplicasAnnotations`: desired and max replicas on a set; returns whether anything changed. */
export function setReplicasAnnotations(rs: ReplicaSet, d: Deployment): boolean {
  const annotations = { ...rs.metadata.annotations };
  const desired = String(desiredReplicas(d));
  const max = String(desiredReplicas(d) + maxSurge(d));
  const changed =
    annotations[DeploymentAnnotations.desiredReplicas] !== desired ||
    annotations[DeploymentAnnotations.maxReplicas] !== max;
  annotations[DeploymentAnnotations.desiredReplicas] = desired;
  annotations[DeploymentAnnotations.maxReplicas] = max;
  rs.metadata.annotations = annotations;
  return changed;
}

/**
 * `SetNewReplicaSetAnnotations` on a copy of the set: the Deployment's own annotations, the new revision
 * (never lowered; a reused set keeps its old numbers in revision-history) and, for a set about to be
 * created, the replica annotations. Returns whether anything changed.
 */
export function annotateNewSet(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const annotations = { ...rs.metadata.annotations };
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (notCopied.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldText = annotations[DeploymentAnnotations.revision];
  const oldRevision = Number(oldText ?? '0');
  if (oldRevision < newRevision) {
    annotations[DeploymentAnnotations.revision] = String(newRevision);
    changed = true;
    if (oldText !== undefined) {
      const history = annotations[DeploymentAnnotations.revisionHistory];
      annotations[DeploymentAnnotations.revisionHistory] = history ? `${history},${oldText}` : oldText;
    }
  }
  rs.metadata.annotations = annotations;
  if (!exists && setReplicasAnnotations(rs, d)) changed = true;
  return changed;
}

/** The ReplicaSet a Deployment's current template gets: `<deployment>-<hash>`, owned by it, with `replicas`. */
export function buildNewSet(d: Deployment, replicas: number, newRevision: number): ReplicaSet {
  const hash = templateHash(d.spec.template, d.status?.collisionCount);
  const labels = { ...d.spec.template.metadata?.labels, [PodTemplateHashLabel]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      ...(d.metadata.namespace ? { namespace: d.metadata.namespace } : {}),
      labels,
      ownerReferences: [controllerRef(d)],
    },
    spec: {
      replicas,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector: withLabel(d.spec.selector, PodTemplateHashLabel, hash),
      template: {
        ...d.spec.template,
        metadata: { ...d.spec.template.metadata, labels },
      },
    },
  };
  annotateNewSet(d, rs, newRevision, false);
  return rs;
}
