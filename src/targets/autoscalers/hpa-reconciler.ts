import type { Canary } from '../../apis/index.js';
import { type HorizontalPodAutoscaler, HorizontalPodAutoscalerType } from '../../kube/api/autoscaling.js';
import type { ClusterReader } from '../../kube/cluster-reader.js';
import type { KubeClient } from '../../kube/kube-client.js';
import { isAlreadyExists, isConflict } from '../../kube/kube-errors.js';
import { dotted, type ObjectRef } from '../../kube/kube-object.js';
import type { Logger } from '../../platform/logger.js';
import { TargetError } from '../workload-target.js';
import { newPrimaryHpa, primaryHpaName, syncedPrimaryHpa } from './primary-hpa.js';
import type { ScalerReconciler } from './scaler-reconciler.js';

/** What an {@link HpaReconciler} works with. */
export interface HpaReconcilerOptions {
  /** Writes (the caching client). */
  client: KubeClient;
  /** Reads: must track autoscaling/v2 HorizontalPodAutoscalers. */
  cache: ClusterReader;
  /** `-include-label-prefix`: which annotations the primary HPA keeps. */
  includeLabelPrefix: readonly string[];
  logger?: Logger;
}

/** Attempts of an update that keeps meeting a concurrent writer. */
const updateAttempts = 5;

/**
 * Flagger's HPAReconciler (autoscaling/v2 only, as Flagger 1.44): `<hpa>-primary` scales the primary like
 * the target's HPA scales the target, created at initialization and brought in line at promotion, so an
 * edit of the target's HPA reaches the primary with the release, not before.
 */
export class HpaReconciler implements ScalerReconciler {
  constructor(private readonly options: HpaReconcilerOptions) {}

  async reconcilePrimaryScaler(canary: Canary, options: { init: boolean }): Promise<void> {
    const target = this.targetHpa(canary);
    const ref = this.ref(canary, primaryHpaName(canary));
    const log = this.options.logger?.child({ canary: dotted(canary.metadata) });
    let primary = this.options.cache.get<HorizontalPodAutoscaler>(ref);
    if (!primary) {
      try {
        await this.options.client.create(newPrimaryHpa(canary, target, this.options.includeLabelPrefix));
        log?.info(`HorizontalPodAutoscaler v2 ${dotted(ref)} created`);
        return;
      } catch (error) {
        // Created meanwhile (an earlier tick whose write the cache has not seen yet).
        if (!isAlreadyExists(error)) throw error;
        primary = await this.options.client.get<HorizontalPodAutoscaler>(ref);
        if (!primary) throw error;
      }
    }
    if (options.init) return;
    for (let attempt = 1; ; attempt++) {
      const next = syncedPrimaryHpa(canary, primary, target, this.options.includeLabelPrefix);
      if (!next) return;
      try {
        await this.options.client.replace(next);
        log?.info(`HorizontalPodAutoscaler v2 ${dotted(ref)} updated`);
        return;
      } catch (error) {
        if (!isConflict(error) || attempt >= updateAttempts) throw error;
      }
      const fresh = await this.options.client.get<HorizontalPodAutoscaler>(ref);
      if (!fresh) return;
      primary = fresh;
    }
  }

  private targetHpa(canary: Canary): HorizontalPodAutoscaler {
    const ref = this.ref(canary, canary.spec.autoscalerRef?.name ?? '');
    const found = this.options.cache.get<HorizontalPodAutoscaler>(ref);
    if (found) return found;
    throw new TargetError(
      'autoscaler-not-found',
      `HorizontalPodAutoscaler ${dotted(ref)} get query error: horizontalpodautoscalers.autoscaling "${ref.name}" not found`,
    );
  }

  private ref(canary: Canary, name: string): ObjectRef {
    return { ...HorizontalPodAutoscalerType, namespace: canary.metadata.namespace ?? '', name };
  }
}
