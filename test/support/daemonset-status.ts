import type { DaemonSet } from '../../src/kube/api/apps-v1.js';
import type { KubeClient } from '../../src/kube/kube-client.js';
import { mapSelectorMatches } from '../../src/local/kubelet/label-selector.js';
import { nodeLabels } from '../../src/local/kubelet/node/local-node.js';

/**
 * The status the playground's one-node daemonset controller would write for `daemonSet` once its pod
 * is updated: one pod scheduled when the node matches the template's nodeSelector (Flagger's
 * `flagger.app/scale-to-zero: "true"` matches no node), available unless `ready` is false.
 */
export function settledDaemonSetStatus(
  daemonSet: DaemonSet,
  ready: boolean,
): NonNullable<DaemonSet['status']> {
  const runs = mapSelectorMatches(daemonSet.spec.template.spec.nodeSelector ?? {}, nodeLabels('weir-local'));
  const desired = runs ? 1 : 0;
  const available = runs && ready ? 1 : 0;
  return {
    currentNumberScheduled: desired,
    desiredNumberScheduled: desired,
    numberMisscheduled: 0,
    numberReady: available,
    ...(available > 0 ? { numberAvailable: available } : {}),
    ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
    observedGeneration: daemonSet.metadata.generation ?? 0,
    ...(desired > 0 ? { updatedNumberScheduled: desired } : {}),
  };
}

/** Plays the daemonset controller once for every DaemonSet of `namespace`; answers the names written. */
export async function settleDaemonSets(
  raw: KubeClient,
  namespace: string,
  options: { notReady: ReadonlySet<string> },
): Promise<string[]> {
  const { items } = await raw.list<DaemonSet>({ apiVersion: 'apps/v1', kind: 'DaemonSet' }, { namespace });
  const written: string[] = [];
  for (const daemonSet of items) {
    const status = settledDaemonSetStatus(daemonSet, !options.notReady.has(daemonSet.metadata.name));
    if (JSON.stringify(daemonSet.status) === JSON.stringify(status)) continue;
    await raw.replaceStatus({ ...daemonSet, status });
    written.push(daemonSet.metadata.name);
  }
  return written;
}
