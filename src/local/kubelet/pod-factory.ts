import type { Pod, PodTemplateSpec } from '../../kube/api/core-v1.js';
import type { KubeObject, ObjectMeta } from '../../kube/kube-object.js';
import { controllerRef } from './owners.js';

/**
 * The pod a controller creates from its template: named `<owner>-<5 random chars>` by the server
 * (generateName), labels and annotations of the template plus `extraLabels`, owned by the controller,
 * and bound to `nodeName` at once (one node: no scheduler in between).
 */
export function podFromTemplate(options: {
  owner: KubeObject;
  template: PodTemplateSpec;
  nodeName?: string;
  extraLabels?: Record<string, string>;
}): Pod {
  const { owner, template } = options;
  const labels = { ...template.metadata?.labels, ...options.extraLabels };
  const metadata = {
    generateName: `${owner.metadata.name}-`,
    ...(owner.metadata.namespace ? { namespace: owner.metadata.namespace } : {}),
    labels,
    ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
    ownerReferences: [controllerRef(owner)],
  } as unknown as ObjectMeta;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { ...structuredClone(template.spec), ...(options.nodeName ? { nodeName: options.nodeName } : {}) },
  };
}

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * `ActivePodsWithRanks` ordering (simplified): the pods to delete first — unscheduled, then pending, not
 * ready, ready for a shorter time, restarted more often, newer.
 */
export function deletionOrder(readyAt: (pod: Pod) => number | undefined): (a: Pod, b: Pod) => number {
  const restarts = (pod: Pod) =>
    (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  return (a, b) => {
    const scheduled = Number(Boolean(a.spec.nodeName)) - Number(Boolean(b.spec.nodeName));
    if (scheduled !== 0) return scheduled;
    const phase =
      (phaseRank[a.status?.phase ?? 'Pending'] ?? 0) - (phaseRank[b.status?.phase ?? 'Pending'] ?? 0);
    if (phase !== 0) return phase;
    const aReady = readyAt(a);
    const bReady = readyAt(b);
    if ((aReady === undefined) !== (bReady === undefined)) return aReady === undefined ? -1 : 1;
    if (aReady !== undefined && bReady !== undefined && aReady !== bReady) return bReady - aReady;
    const restarted = restarts(b) - restarts(a);
    if (restarted !== 0) return restarted;
    const at = a.metadata.creationTimestamp ?? '';
    const bt = b.metadata.creationTimestamp ?? '';
    return at === bt ? 0 : at > bt ? -1 : 1;
  };
}
