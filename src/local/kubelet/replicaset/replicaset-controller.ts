import { type ReplicaSet, ReplicaSetType } from '../../../kube/api/apps-v1.js';
import { type Pod, PodType } from '../../../kube/api/core-v1.js';
import { keyOf, refOf } from '../../../kube/kube-object.js';
import type { ControllerContext, EventSink } from '../controller-context.js';
import { ControllerLoop, type ReconcileResult } from '../controller-loop.js';
import { mapSelectorMatches } from '../label-selector.js';
import { nodeLabels } from '../node/local-node.js';
import { controllerKey, isControlledBy, splitKey } from '../owners.js';
import { isPodActive, isPodReady, podAvailability, readySince } from '../pod-conditions.js';
import { deletionOrder, podFromTemplate } from '../pod-factory.js';
import { canonicalJson } from '../template-hash.js';

/** kube-controller-manager's replicaset controller: as many pods as `spec.replicas`, and the set's status. */
export class ReplicaSetController {
  readonly loop: ControllerLoop;
  private readonly events: EventSink;

  constructor(private readonly ctx: ControllerContext) {
    this.events = ctx.events('replicaset-controller');
    this.loop = new ControllerLoop({
      name: 'replicaset',
      reconcile: (key) => this.reconcile(key),
      timers: ctx.timers,
      logger: ctx.logger,
    });
  }

  /** Subscribes to ReplicaSets and their pods. */
  watch(): void {
    const enqueue = (rs: ReplicaSet) => this.loop.add(keyOf(rs.metadata));
    const owner = (pod: Pod) => {
      const key = controllerKey(pod, 'ReplicaSet');
      if (key) this.loop.add(key);
    };
    this.ctx.cache.track<ReplicaSet>(ReplicaSetType, { onAdd: enqueue, onUpdate: (_, rs) => enqueue(rs) });
    this.ctx.cache.track<Pod>(PodType, {
      onAdd: owner,
      onUpdate: (_, pod) => owner(pod),
      onDelete: (pod) => {
        this.ctx.tombstones.forget(pod);
        owner(pod);
      },
    });
  }

  /** Looks at every ReplicaSet again. */
  resync(): void {
    for (const rs of this.ctx.cache.list<ReplicaSet>(ReplicaSetType)) this.loop.add(keyOf(rs.metadata));
  }

  private podsOf(rs: ReplicaSet): Pod[] {
    return this.ctx.cache
      .list<Pod>(PodType, rs.metadata.namespace)
      .filter((pod) => isControlledBy(pod, rs) && isPodActive(pod) && !this.ctx.tombstones.has(pod));
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const rs = this.ctx.cache.get<ReplicaSet>({ ...ReplicaSetType, ...splitKey(key) });
    if (!rs) return undefined;
    if (!rs.metadata.deletionTimestamp) await this.manage(rs);
    return this.writeStatus(rs);
  }

  /** `manageReplicas`: creates or deletes pods until there are `spec.replicas`. */
  private async manage(rs: ReplicaSet): Promise<void> {
    const pods = this.podsOf(rs);
    const diff = pods.length - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      const fits = mapSelectorMatches(
        rs.spec.template.spec.nodeSelector ?? {},
        nodeLabels(this.ctx.nodeName),
      );
      for (let i = 0; i < -diff; i++) {
        const pod = podFromTemplate({
          owner: rs,
          template: rs.spec.template,
          ...(fits ? { nodeName: this.ctx.nodeName } : {}),
        });
        const created = await this.ctx.client.create(pod);
        this.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      }
    } else if (diff > 0) {
      const victims = [...pods].sort(deletionOrder(readySince)).slice(0, diff);
      for (const pod of victims) {
        await this.ctx.client.delete(refOf(pod));
        this.ctx.tombstones.bury(pod, this.ctx.cache);
        this.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      }
    }
  }

  /** Counts pods into the set's status; asks to look again when a ready pod becomes available later. */
  private async writeStatus(rs: ReplicaSet): Promise<ReconcileResult> {
    const now = this.ctx.clock.now();
    const pods = this.podsOf(rs);
    const minReady = rs.spec.minReadySeconds ?? 0;
    const templateLabels = rs.spec.template.metadata?.labels ?? {};
    let ready = 0;
    let available = 0;
    let labeled = 0;
    let nextInMs: number | undefined;
    for (const pod of pods) {
      if (mapSelectorMatches(templateLabels, pod.metadata.labels)) labeled++;
      if (!isPodReady(pod)) continue;
      ready++;
      const availability = podAvailability(pod, minReady, now);
      if (availability.available) available++;
      else if (availability.availableInMs !== undefined)
        nextInMs = Math.min(nextInMs ?? Number.POSITIVE_INFINITY, availability.availableInMs);
    }
    const status: NonNullable<ReplicaSet['status']> = { replicas: pods.length };
    if (labeled) status.fullyLabeledReplicas = labeled;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
    // Keep fields this controller does not compute (conditions).
    const merged = { ...withoutCounters(rs.status), ...status };
    if (canonicalJson(rs.status ?? {}) !== canonicalJson(merged)) {
      await this.ctx.client.replaceStatus<ReplicaSet>({ ...rs, status: merged });
    }
    return nextInMs === undefined ? undefined : { afterMs: nextInMs };
  }
}

function withoutCounters(status: ReplicaSet['status']): Record<string, unknown> {
  const { replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, ...rest } =
    status ?? {};
  void [replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration];
  return rest;
}
