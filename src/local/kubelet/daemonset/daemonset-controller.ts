import { type DaemonSet, DaemonSetType } from '../../../kube/api/apps-v1.js';
import { type Pod, PodType } from '../../../kube/api/core-v1.js';
import { keyOf, refOf } from '../../../kube/kube-object.js';
import type { ControllerContext, EventSink } from '../controller-context.js';
import { ControllerLoop, type ReconcileResult } from '../controller-loop.js';
import { scaledValue } from '../int-or-percent.js';
import { mapSelectorMatches } from '../label-selector.js';
import { nodeLabels } from '../node/local-node.js';
import { controllerKey, isControlledBy, splitKey } from '../owners.js';
import { isPodActive, isPodReady, podAvailability, readySince } from '../pod-conditions.js';
import { deletionOrder, podFromTemplate } from '../pod-factory.js';
import { ControllerRevisionHashLabel, canonicalJson, templateHash } from '../template-hash.js';

/**
 * kube-controller-manager's daemonset controller for a one-node cluster: one pod when the node satisfies
 * the template's nodeSelector (Flagger's `flagger.app/scale-to-zero: "true"` makes it not), replaced on a
 * template change by the update strategy, and the DaemonSet's status.
 */
export class DaemonSetController {
  readonly loop: ControllerLoop;
  private readonly events: EventSink;

  constructor(private readonly ctx: ControllerContext) {
    this.events = ctx.events('daemonset-controller');
    this.loop = new ControllerLoop({
      name: 'daemonset',
      reconcile: (key) => this.reconcile(key),
      timers: ctx.timers,
      logger: ctx.logger,
    });
  }

  /** Subscribes to DaemonSets and their pods. */
  watch(): void {
    const enqueue = (ds: DaemonSet) => this.loop.add(keyOf(ds.metadata));
    const owner = (pod: Pod) => {
      const key = controllerKey(pod, 'DaemonSet');
      if (key) this.loop.add(key);
    };
    this.ctx.cache.track<DaemonSet>(DaemonSetType, { onAdd: enqueue, onUpdate: (_, ds) => enqueue(ds) });
    this.ctx.cache.track<Pod>(PodType, { onAdd: owner, onUpdate: (_, pod) => owner(pod), onDelete: owner });
  }

  /** Looks at every DaemonSet again. */
  resync(): void {
    for (const ds of this.ctx.cache.list<DaemonSet>(DaemonSetType)) this.loop.add(keyOf(ds.metadata));
  }

  private podsOf(ds: DaemonSet): Pod[] {
    return this.ctx.cache
      .list<Pod>(PodType, ds.metadata.namespace)
      .filter((pod) => isControlledBy(pod, ds) && isPodActive(pod) && !this.ctx.tombstones.has(pod));
  }

  private shouldRun(ds: DaemonSet): boolean {
    return mapSelectorMatches(ds.spec.template.spec.nodeSelector ?? {}, nodeLabels(this.ctx.nodeName));
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const ds = this.ctx.cache.get<DaemonSet>({ ...DaemonSetType, ...splitKey(key) });
    if (!ds) return undefined;
    const hash = templateHash(ds.spec.template, ds.status?.collisionCount as number | undefined);
    if (!ds.metadata.deletionTimestamp) await this.manage(ds, hash);
    return this.writeStatus(ds, hash);
  }

  private async manage(ds: DaemonSet, hash: string): Promise<void> {
    const pods = this.podsOf(ds);
    if (!this.shouldRun(ds)) {
      for (const pod of pods) await this.deletePod(ds, pod);
      return;
    }
    const updated = pods.filter((pod) => pod.metadata.labels?.[ControllerRevisionHashLabel] === hash);
    const old = pods.filter((pod) => !updated.includes(pod));
    // More than one pod of the current revision on the node: keep the best one.
    const byKeep = [...updated].sort(deletionOrder(readySince)).reverse();
    for (const extra of byKeep.slice(1)) await this.deletePod(ds, extra);
    const onDelete = ds.spec.updateStrategy?.type === 'OnDelete';
    if (onDelete) {
      if (pods.length === 0) await this.createPod(ds, hash);
      return;
    }
    const surge = scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxSurge, 1, true);
    const current = byKeep[0];
    if (surge > 0 && old.length > 0) {
      // Surge: the new pod first, the old one once the new one is available.
      if (!current) await this.createPod(ds, hash);
      else if (podAvailability(current, ds.spec.minReadySeconds ?? 0, this.ctx.clock.now()).available)
        for (const pod of old) await this.deletePod(ds, pod);
      return;
    }
    for (const pod of old) await this.deletePod(ds, pod);
    if (!current) await this.createPod(ds, hash);
  }

  private async createPod(ds: DaemonSet, hash: string): Promise<void> {
    const pod = podFromTemplate({
      owner: ds,
      template: ds.spec.template,
      nodeName: this.ctx.nodeName,
      extraLabels: {
        [ControllerRevisionHashLabel]: hash,
        'pod-template-generation': String(ds.metadata.generation ?? 1),
      },
    });
    const created = await this.ctx.client.create(pod);
    this.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
  }

  private async deletePod(ds: DaemonSet, pod: Pod): Promise<void> {
    await this.ctx.client.delete(refOf(pod));
    this.ctx.tombstones.bury(pod, this.ctx.cache);
    this.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
  }

  /** The DaemonSet's status for one node. */
  private async writeStatus(ds: DaemonSet, hash: string): Promise<ReconcileResult> {
    const pods = this.podsOf(ds);
    const now = this.ctx.clock.now();
    const run = this.shouldRun(ds);
    const scheduled = pods.length > 0;
    let available = false;
    let nextInMs: number | undefined;
    for (const pod of pods) {
      const availability = podAvailability(pod, ds.spec.minReadySeconds ?? 0, now);
      if (availability.available) available = true;
      else if (availability.availableInMs !== undefined) nextInMs = availability.availableInMs;
    }
    const desired = run ? 1 : 0;
    const numberAvailable = run && available ? 1 : 0;
    const status: Record<string, unknown> = {
      currentNumberScheduled: run && scheduled ? 1 : 0,
      desiredNumberScheduled: desired,
      numberMisscheduled: !run && scheduled ? 1 : 0,
      numberReady: run && pods.some(isPodReady) ? 1 : 0,
    };
    if (numberAvailable) status.numberAvailable = numberAvailable;
    if (desired - numberAvailable > 0) status.numberUnavailable = desired - numberAvailable;
    if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
    const updated = run && pods.some((pod) => pod.metadata.labels?.[ControllerRevisionHashLabel] === hash);
    if (updated) status.updatedNumberScheduled = 1;
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
    if (canonicalJson(ds.status ?? {}) !== canonicalJson(status)) {
      await this.ctx.client.replaceStatus<DaemonSet>({ ...ds, status });
    }
    return nextInMs === undefined ? undefined : { afterMs: nextInMs };
  }
}
