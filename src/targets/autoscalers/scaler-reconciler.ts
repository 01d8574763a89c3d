import type { AutoscalerKind, Canary } from '../../apis/index.js';
import { dotted } from '../../kube/kube-object.js';
import { TargetError } from '../workload-target.js';
import { HpaReconciler, type HpaReconcilerOptions } from './hpa-reconciler.js';

/** The autoscaler of the primary, mirroring Flagger's ScalerReconciler. */
export interface ScalerReconciler {
  /**
   * Creates `<autoscaler>-primary` when it is missing; with `init` false (promotion) also brings an
   * existing one in line with the target's autoscaler. Throws {@link TargetError} when the target's is missing.
   */
  reconcilePrimaryScaler(canary: Canary, options: { init: boolean }): Promise<void>;
}

/** Autoscaler kinds Weir copies for the primary. */
export const SupportedAutoscalerKinds = [
  'HorizontalPodAutoscaler',
] as const satisfies readonly AutoscalerKind[];

/**
 * The {@link ScalerReconciler} for a Canary's `autoscalerRef`, undefined without one. A KEDA ScaledObject
 * is rejected with an error naming what is supported: running the primary without its autoscaler would
 * be a silent downgrade.
 */
export function createScalerReconciler(
  canary: Canary,
  options: HpaReconcilerOptions,
): ScalerReconciler | undefined {
  const ref = canary.spec.autoscalerRef;
  if (!ref) return undefined;
  const kind: AutoscalerKind = ref.kind;
  switch (kind) {
    case 'HorizontalPodAutoscaler':
      return new HpaReconciler(options);
    case 'ScaledObject':
      throw new TargetError(
        'unsupported-kind',
        `canary ${dotted(canary.metadata)}: autoscalerRef ${ref.apiVersion}/${kind} ${ref.name} is not supported yet; supported kinds: ${SupportedAutoscalerKinds.join(', ')}`,
      );
    default: {
      const unknown: never = kind;
      throw new TargetError('unsupported-kind', `unknown autoscaler kind ${String(unknown)}`);
    }
  }
}
