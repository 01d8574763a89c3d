import { DeploymentType, ReplicaSetType } from '../../../kube/api/apps-v1.js';
import { type HorizontalPodAutoscaler, HorizontalPodAutoscalerType } from '../../../kube/api/autoscaling.js';
import { PatchKind } from '../../../kube/kube-client.js';
import { type KubeObject, keyOf, type ObjectRef } from '../../../kube/kube-object.js';
import { rfc3339 } from '../../../platform/clock.js';
import type { ControllerContext } from '../controller-context.js';
import { ControllerLoop, type ReconcileResult } from '../controller-loop.js';
import type { LocalController } from '../kubelet.js';
import { splitKey } from '../owners.js';
import { canonicalJson } from '../template-hash.js';
import { decideReplicas, nextHpaStatus, type ScaleView } from './hpa-decision.js';

/** Kubernetes' HPA sync period: a scale target the kubelet does not watch is looked at this often. */
const syncPeriodMs = 15_000;

/** A workload with a scale subresource, as far as the HPA controller reads it. */
interface Scalable extends KubeObject {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

/**
 * kube-controller-manager's horizontal-pod-autoscaler for the playground, without metrics: it keeps each
 * autoscaling/v2 HPA's scale target between `minReplicas` and `maxReplicas` through the scale subresource
 * (a target at zero is left alone, as in Kubernetes) and reports `currentReplicas`/`desiredReplicas`, so
 * `kubectl get hpa` shows REPLICAS. It never scales on CPU or any other metric.
 */
export class HorizontalPodAutoscalerController implements LocalController {
  private ctx: ControllerContext | undefined;
  private loop: ControllerLoop | undefined;

  watch(ctx: ControllerContext): void {
    this.ctx = ctx;
    const loop = new ControllerLoop({
      name: 'horizontal-pod-autoscaler',
      reconcile: (key) => this.reconcile(key),
      timers: ctx.timers,
      logger: ctx.logger,
    });
    this.loop = loop;
    const enqueue = (hpa: HorizontalPodAutoscaler) => loop.add(keyOf(hpa.metadata));
    ctx.cache.track<HorizontalPodAutoscaler>(HorizontalPodAutoscalerType, {
      onAdd: enqueue,
      onUpdate: (_, hpa) => enqueue(hpa),
    });
    for (const type of [DeploymentType, ReplicaSetType]) {
      ctx.cache.track<Scalable>(type, {
        onAdd: (workload) => this.targetChanged(workload),
        onUpdate: (_, workload) => this.targetChanged(workload),
      });
    }
  }

  resync(): void {
    if (!this.ctx || !this.loop) return;
    for (const hpa of this.ctx.cache.list<HorizontalPodAutoscaler>(HorizontalPodAutoscalerType))
      this.loop.add(keyOf(hpa.metadata));
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** A workload changed (replicas asked for or running): the HPAs scaling it look again. */
  private targetChanged(workload: Scalable): void {
    if (!this.ctx || !this.loop) return;
    for (const hpa of this.ctx.cache.list<HorizontalPodAutoscaler>(
      HorizontalPodAutoscalerType,
      workload.metadata.namespace,
    )) {
      const ref = hpa.spec.scaleTargetRef;
      if (ref?.kind === workload.kind && ref.name === workload.metadata.name)
        this.loop.add(keyOf(hpa.metadata));
    }
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const ctx = this.ctx!;
    const hpa = ctx.cache.get<HorizontalPodAutoscaler>({ ...HorizontalPodAutoscalerType, ...splitKey(key) });
    if (!hpa || hpa.metadata.deletionTimestamp) return undefined;
    const ref = hpa.spec.scaleTargetRef;
    const targetRef: ObjectRef = {
      apiVersion: ref.apiVersion ?? 'apps/v1',
      kind: ref.kind,
      namespace: hpa.metadata.namespace ?? '',
      name: ref.name,
    };
    const watched = ctx.cache.tracks(targetRef);
    const target = watched ? ctx.cache.get<Scalable>(targetRef) : await ctx.client.get<Scalable>(targetRef);
    if (!target) return { afterMs: syncPeriodMs };
    // As the scale subresource shows it: Deployments and ReplicaSets default to one replica.
    const scale: ScaleView = {
      specReplicas: target.spec?.replicas ?? 1,
      statusReplicas: target.status?.replicas ?? 0,
    };
    const decision = decideReplicas(hpa, scale);
    if (decision.rescaleTo !== undefined) {
      await ctx.client.patch(targetRef, { spec: { replicas: decision.rescaleTo } }, PatchKind.Merge, 'scale');
      ctx
        .events('horizontal-pod-autoscaler')
        .record(hpa, 'Normal', 'SuccessfulRescale', decision.rescaleReason ?? '');
    }
    const status = nextHpaStatus(hpa, scale, decision, rfc3339(ctx.clock.now()));
    if (canonicalJson(hpa.status ?? {}) !== canonicalJson(status))
      await ctx.client.replaceStatus<HorizontalPodAutoscaler>({ ...hpa, status });
    return watched ? undefined : { afterMs: syncPeriodMs };
  }
}
