import type { Deployment, DeploymentStatus, ReplicaSet } from '../../../kube/api/apps-v1.js';
import { PatchKind } from '../../../kube/kube-client.js';
import { isAlreadyExists } from '../../../kube/kube-errors.js';
import { refOf } from '../../../kube/kube-object.js';
import type { ControllerContext, EventSink } from '../controller-context.js';
import { isControlledBy } from '../owners.js';
import { canonicalJson, sameTemplate } from '../template-hash.js';
import {
  calculateStatus,
  conditionOf,
  DeploymentReasons,
  newCondition,
  rolloutStatus,
  setCondition,
} from './deployment-status.js';
import {
  annotateNewSet,
  buildNewSet,
  findNewSet,
  maxRevision,
  revisionOf,
  setReplicasAnnotations,
} from './new-replica-set.js';
import { DeploymentAnnotations, newSetReplicas } from './rollout-math.js';

/** The Deployment's sets: the one matching its template (if any) and the others. */
export interface SetsView {
  newSet: ReplicaSet | undefined;
  oldSets: ReplicaSet[];
}

/** A hash collision: the Deployment's collisionCount was raised; the next sync retries with a new name. */
export class HashCollisionError extends Error {
  readonly code = 'HashCollision';
  constructor(name: string, options?: { cause?: unknown }) {
    super(`hash collision: replica set ${name} exists with another template`, options);
    this.name = 'HashCollisionError';
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The writes of one deployment sync, as the deployment controller makes them. Keeps the latest version of
 * the Deployment it wrote, so several writes in one sync do not conflict with each other.
 */
export class RolloutWriter {
  constructor(
    private readonly ctx: ControllerContext,
    private readonly events: EventSink,
    public d: Deployment,
  ) {}

  /**
   * `getAllReplicaSetsAndSyncRevision`: finds the new set (syncing its annotations and the Deployment's
   * revision and FoundNewReplicaSet condition) or, when `create`, creates it (NewReplicaSetCreated).
   */
  async resolveSets(sets: readonly ReplicaSet[], create: boolean): Promise<SetsView> {
    const existing = findNewSet(this.d, sets);
    const oldSets = sets.filter((rs) => rs !== existing);
    const newRevision = maxRevision(oldSets) + 1;
    if (existing) {
      const copy = clone(existing);
      const annotated = annotateNewSet(this.d, copy, newRevision, true);
      const minReadySeconds = this.d.spec.minReadySeconds ?? 0;
      if (annotated || (copy.spec.minReadySeconds ?? 0) !== minReadySeconds) {
        copy.spec.minReadySeconds = minReadySeconds;
        return { newSet: await this.ctx.client.replace(copy), oldSets };
      }
      await this.syncRevision(revisionOf(copy));
      if (this.d.spec.progressDeadlineSeconds !== undefined && !conditionOf(this.d.status, 'Progressing')) {
        const status = clone(this.d.status ?? {});
        setCondition(
          status,
          newCondition(
            'Progressing',
            'True',
            DeploymentReasons.FoundNewReplicaSet,
            `Found new replica set "${copy.metadata.name}"`,
            this.ctx.clock.now(),
          ),
        );
        await this.writeStatus(status);
      }
      return { newSet: existing, oldSets };
    }
    if (!create) return { newSet: undefined, oldSets };
    const created = await this.createNewSet(oldSets, newRevision);
    await this.syncRevision(newRevision);
    if (this.d.spec.progressDeadlineSeconds !== undefined) {
      const status = clone(this.d.status ?? {});
      setCondition(
        status,
        newCondition(
          'Progressing',
          'True',
          DeploymentReasons.NewReplicaSetCreated,
          `Created new replica set "${created.metadata.name}"`,
          this.ctx.clock.now(),
        ),
      );
      await this.writeStatus(status);
    }
    return { newSet: created, oldSets };
  }

  private async createNewSet(oldSets: readonly ReplicaSet[], newRevision: number): Promise<ReplicaSet> {
    const rs = buildNewSet(this.d, 0, newRevision);
    rs.spec.replicas = newSetReplicas(this.d, [...oldSets, rs], rs);
    try {
      const created = await this.ctx.client.create(rs);
      if ((rs.spec.replicas ?? 0) > 0) {
        this.events.record(
          this.d,
          'Normal',
          'ScalingReplicaSet',
          `Scaled up replica set ${created.metadata.name} from 0 to ${rs.spec.replicas}`,
        );
      }
      return created;
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const found = await this.ctx.client.get<ReplicaSet>(refOf(rs));
      if (found && isControlledBy(found, this.d) && sameTemplate(found.spec.template, this.d.spec.template))
        return found;
      const status = clone(this.d.status ?? {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      await this.writeStatus(status);
      throw new HashCollisionError(rs.metadata.name, { cause: error });
    }
  }

  /** `SetDeploymentRevision`: the Deployment carries its newest set's revision. */
  private async syncRevision(revision: number): Promise<void> {
    const text = String(revision);
    if (this.d.metadata.annotations?.[DeploymentAnnotations.revision] === text) return;
    this.d = await this.ctx.client.patch<Deployment>(
      refOf(this.d),
      { metadata: { annotations: { [DeploymentAnnotations.revision]: text } } },
      PatchKind.Merge,
    );
  }

  /**
   * `checkPausedConditions`: Progressing becomes Unknown/DeploymentPaused while paused and
   * Unknown/DeploymentResumed after, so the time spent paused never counts against the deadline.
   */
  async syncPausedCondition(): Promise<void> {
    const current = conditionOf(this.d.status, 'Progressing');
    if (current?.reason === DeploymentReasons.ProgressDeadlineExceeded) return;
    const pausedShown = current?.reason === DeploymentReasons.DeploymentPaused;
    const paused = this.d.spec.paused === true;
    if (paused === pausedShown) return;
    const status = clone(this.d.status ?? {});
    setCondition(
      status,
      newCondition(
        'Progressing',
        'Unknown',
        paused ? DeploymentReasons.DeploymentPaused : DeploymentReasons.DeploymentResumed,
        paused ? 'Deployment is paused' : 'Deployment is resumed',
        this.ctx.clock.now(),
      ),
    );
    await this.writeStatus(status);
  }

  /** `scaleReplicaSet`: sets the size and replica annotations; an event when the size changed. */
  async scaleSet(rs: ReplicaSet, replicas: number): Promise<ReplicaSet> {
    const copy = clone(rs);
    const oldScale = rs.spec.replicas ?? 0;
    copy.spec.replicas = replicas;
    const annotated = setReplicasAnnotations(copy, this.d);
    if (oldScale === replicas && !annotated) return rs;
    const updated = await this.ctx.client.replace(copy);
    if (oldScale !== replicas) {
      const direction = oldScale < replicas ? 'up' : 'down';
      this.events.record(
        this.d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${direction} replica set ${rs.metadata.name} from ${oldScale} to ${replicas}`,
      );
    }
    return updated;
  }

  /** `syncRolloutStatus`: counters and conditions; the time to look again when a deadline is pending. */
  async writeRolloutStatus(
    all: readonly ReplicaSet[],
    newSet: ReplicaSet | undefined,
  ): Promise<number | undefined> {
    const { status, recheckInMs } = rolloutStatus(this.d, all, newSet, this.ctx.clock.now());
    await this.writeStatus(status);
    return recheckInMs;
  }

  /** `syncDeploymentStatus`: counters and `Available` only (scaling and paused syncs). */
  async writeStatusOnly(all: readonly ReplicaSet[], newSet: ReplicaSet | undefined): Promise<void> {
    await this.writeStatus(calculateStatus(this.d, all, newSet, this.ctx.clock.now()));
  }

  /** `cleanupDeployment`: deletes the oldest scaled-down sets beyond `revisionHistoryLimit`. */
  async cleanup(oldSets: readonly ReplicaSet[]): Promise<void> {
    const limit = this.d.spec.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldSets.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    const byRevision = [...cleanable].sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of byRevision.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || (rs.spec.replicas ?? 0) !== 0) continue;
      if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      await this.ctx.client.delete(refOf(rs));
      this.ctx.tombstones.bury(rs, this.ctx.cache);
    }
  }

  private async writeStatus(status: DeploymentStatus): Promise<void> {
    if (canonicalJson(this.d.status ?? {}) === canonicalJson(status)) return;
    this.d = await this.ctx.client.replaceStatus<Deployment>({ ...this.d, status });
  }
}
