import {
  type Deployment,
  DeploymentType,
  type ReplicaSet,
  ReplicaSetType,
} from '../../../kube/api/apps-v1.js';
import { type Pod, PodType } from '../../../kube/api/core-v1.js';
import { keyOf } from '../../../kube/kube-object.js';
import type { ControllerContext } from '../controller-context.js';
import { ControllerLoop, type ReconcileResult } from '../controller-loop.js';
import { controllerKey, isControlledBy, splitKey } from '../owners.js';
import { isPodActive } from '../pod-conditions.js';
import { deploymentComplete } from './deployment-status.js';
import {
  activeOrLatest,
  activeSets,
  actualReplicas,
  DeploymentAnnotations,
  desiredReplicas,
  isRollingUpdate,
  isSaturated,
  newSetReplicas,
  oldSetsScaleDown,
  proportionalScale,
} from './rollout-math.js';
import { RolloutWriter } from './rollout-writer.js';

/**
 * kube-controller-manager's deployment controller: one ReplicaSet per pod template, rolled by the
 * Deployment's strategy, and the Deployment's status (counters, Available, Progressing with its deadline)
 * written as Kubernetes writes it.
 */
export class DeploymentController {
  readonly loop: ControllerLoop;

  constructor(private readonly ctx: ControllerContext) {
    this.loop = new ControllerLoop({
      name: 'deployment',
      reconcile: (key) => this.reconcile(key),
      timers: ctx.timers,
      logger: ctx.logger,
    });
  }

  /** Subscribes to Deployments, their ReplicaSets and (for Recreate) their pods. */
  watch(): void {
    const enqueue = (d: Deployment) => this.loop.add(keyOf(d.metadata));
    const owner = (rs: ReplicaSet) => {
      const key = controllerKey(rs, 'Deployment');
      if (key) this.loop.add(key);
    };
    this.ctx.cache.track<Deployment>(DeploymentType, { onAdd: enqueue, onUpdate: (_, d) => enqueue(d) });
    this.ctx.cache.track<ReplicaSet>(ReplicaSetType, {
      onAdd: owner,
      onUpdate: (_, rs) => owner(rs),
      onDelete: (rs) => {
        this.ctx.tombstones.forget(rs);
        owner(rs);
      },
    });
    this.ctx.cache.track<Pod>(PodType, {
      onDelete: (pod) => {
        const rsKey = controllerKey(pod, 'ReplicaSet');
        if (!rsKey) return;
        const rs = this.ctx.cache.get<ReplicaSet>({ ...ReplicaSetType, ...splitKey(rsKey) });
        if (rs) owner(rs);
      },
    });
  }

  /** Looks at every Deployment again. */
  resync(): void {
    for (const d of this.ctx.cache.list<Deployment>(DeploymentType)) this.loop.add(keyOf(d.metadata));
  }

  private setsOf(d: Deployment): ReplicaSet[] {
    return this.ctx.cache
      .list<ReplicaSet>(ReplicaSetType, d.metadata.namespace)
      .filter((rs) => isControlledBy(rs, d) && !this.ctx.tombstones.has(rs));
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const d = this.ctx.cache.get<Deployment>({ ...DeploymentType, ...splitKey(key) });
    if (!d) return undefined;
    const writer = new RolloutWriter(this.ctx, this.ctx.events('deployment-controller'), structuredClone(d));
    // Syncs the new set's annotations and the revision first; later steps see what this wrote.
    const view = await writer.resolveSets(this.setsOf(d), false);
    const sets = all(view);
    if (d.metadata.deletionTimestamp) {
      await writer.writeStatusOnly(sets, view.newSet);
      return undefined;
    }
    await writer.syncPausedCondition();
    if (d.spec.paused || isScalingEvent(writer.d, sets)) return this.sync(writer, sets);
    return isRollingUpdate(d) ? this.rolling(writer, sets) : this.recreate(writer, sets);
  }

  /** `sync`: scaling (proportionally while a rollout is under way) and the counters. */
  private async sync(writer: RolloutWriter, sets: ReplicaSet[]): Promise<ReconcileResult> {
    const view = await writer.resolveSets(sets, false);
    const d = writer.d;
    const single = activeOrLatest(view.newSet, view.oldSets);
    if (single) {
      replace(view, single, await writer.scaleSet(single, desiredReplicas(d)));
    } else if (isSaturated(d, view.newSet)) {
      for (const rs of activeSets(view.oldSets)) replace(view, rs, await writer.scaleSet(rs, 0));
    } else if (isRollingUpdate(d)) {
      for (const step of proportionalScale(d, all(view)))
        replace(view, step.set, await writer.scaleSet(step.set, step.replicas));
    }
    if (d.spec.paused) await writer.cleanup(view.oldSets);
    await writer.writeStatusOnly(all(view), view.newSet);
    return undefined;
  }

  /** `rolloutRolling`: grow the new set within maxSurge, shrink old ones within maxUnavailable. */
  private async rolling(writer: RolloutWriter, sets: ReplicaSet[]): Promise<ReconcileResult> {
    const view = await writer.resolveSets(sets, true);
    const newSet = view.newSet!;
    const d = writer.d;
    const finish = async () => after(await writer.writeRolloutStatus(all(view), view.newSet));
    const desired = desiredReplicas(d);
    const current = newSet.spec.replicas ?? 0;
    if (current !== desired) {
      const target = current > desired ? desired : newSetReplicas(d, all(view), newSet);
      if (target !== current) {
        replace(view, newSet, await writer.scaleSet(newSet, target));
        return finish();
      }
    }
    const steps = oldSetsScaleDown(d, all(view), activeSets(view.oldSets), newSet);
    for (const step of steps) replace(view, step.set, await writer.scaleSet(step.set, step.replicas));
    if (steps.length > 0) return finish();
    if (deploymentComplete(d, d.status ?? {})) await writer.cleanup(view.oldSets);
    return finish();
  }

  /** `rolloutRecreate`: all old pods gone before the new set grows. */
  private async recreate(writer: RolloutWriter, sets: ReplicaSet[]): Promise<ReconcileResult> {
    let view = await writer.resolveSets(sets, false);
    const finish = async () => after(await writer.writeRolloutStatus(all(view), view.newSet));
    const active = activeSets(view.oldSets);
    for (const rs of active) replace(view, rs, await writer.scaleSet(rs, 0));
    if (active.length > 0) return finish();
    if (this.oldPodsRunning(view.oldSets)) return finish();
    if (!view.newSet) view = await writer.resolveSets(sets, true);
    const newSet = view.newSet!;
    replace(view, newSet, await writer.scaleSet(newSet, desiredReplicas(writer.d)));
    if (deploymentComplete(writer.d, writer.d.status ?? {})) await writer.cleanup(view.oldSets);
    return finish();
  }

  private oldPodsRunning(oldSets: readonly ReplicaSet[]): boolean {
    if (actualReplicas(oldSets) > 0) return true;
    const namespace = oldSets[0]?.metadata.namespace;
    if (namespace === undefined) return false;
    return this.ctx.cache
      .list<Pod>(PodType, namespace)
      .some(
        (pod) =>
          isPodActive(pod) && oldSets.some((rs) => isControlledBy(pod, rs)) && !this.ctx.tombstones.has(pod),
      );
  }
}

/** Active sets sized for another replica count than the Deployment's: a scale, not a rollout. */
function isScalingEvent(d: Deployment, sets: readonly ReplicaSet[]): boolean {
  const wanted = String(desiredReplicas(d));
  return activeSets(sets).some((rs) => {
    const desired = rs.metadata.annotations?.[DeploymentAnnotations.desiredReplicas];
    return desired !== undefined && desired !== wanted;
  });
}

function all(view: { newSet: ReplicaSet | undefined; oldSets: ReplicaSet[] }): ReplicaSet[] {
  return view.newSet ? [...view.oldSets, view.newSet] : view.oldSets;
}

/** Puts the written version of a set in place of the one read. */
function replace(
  view: { newSet: ReplicaSet | undefined; oldSets: ReplicaSet[] },
  before: ReplicaSet,
  after: ReplicaSet,
): void {
  if (view.newSet === before) view.newSet = after;
  view.oldSets = view.oldSets.map((rs) => (rs === before ? after : rs));
}

function after(recheckInMs: number | undefined): ReconcileResult {
  return recheckInMs === undefined ? undefined : { afterMs: recheckInMs };
}
