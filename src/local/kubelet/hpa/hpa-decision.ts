import type { HorizontalPodAutoscaler, HpaStatus } from '../../../kube/api/autoscaling.js';
import type { Condition } from '../../../kube/api/core-v1.js';

/** What the HPA controller saw of its scale target (the scale subresource's view). */
export interface ScaleView {
  /** `spec.replicas`: what the workload is asked to run. */
  specReplicas: number;
  /** `status.replicas`: what it runs. */
  statusReplicas: number;
}

/** What to do about one HPA: the replicas to ask for (undefined: leave them), and the conditions to report. */
export interface HpaDecision {
  desiredReplicas: number;
  /** The new `spec.replicas` of the target, when it must change. */
  rescaleTo?: number;
  /** Kubernetes' event message for the rescale (`New size: 2; reason: …`). */
  rescaleReason?: string;
  conditions: Omit<Condition, 'lastTransitionTime'>[];
}

const noMetrics =
  'the playground scales on no metric: it keeps the replicas between minReplicas and maxReplicas';

/**
 * The playground's horizontal-pod-autoscaler decision: Kubernetes' replica bounds without its metrics.
 * A target at zero replicas is left alone (Kubernetes disables autoscaling then, which is how Flagger's
 * scaled-to-zero canary stays at zero); otherwise `spec.replicas` is clamped into [minReplicas, maxReplicas].
 */
export function decideReplicas(hpa: HorizontalPodAutoscaler, scale: ScaleView): HpaDecision {
  const min = hpa.spec.minReplicas ?? 1;
  const max = hpa.spec.maxReplicas;
  const current = scale.specReplicas;
  if (current === 0) {
    return {
      desiredReplicas: 0,
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'SucceededGetScale',
          message: "the HPA controller was able to get the target's current scale",
        },
        {
          type: 'ScalingActive',
          status: 'False',
          reason: 'ScalingDisabled',
          message: 'scaling is disabled since the replica count of the target is zero',
        },
      ],
    };
  }
  const desired = Math.min(Math.max(current, min), max);
  const limited =
    current < min
      ? {
          status: 'True' as const,
          reason: 'TooFewReplicas',
          message: 'the desired replica count is less than the minimum replica count',
        }
      : current > max
        ? {
            status: 'True' as const,
            reason: 'TooManyReplicas',
            message: 'the desired replica count is more than the maximum replica count',
          }
        : {
            status: 'False' as const,
            reason: 'DesiredWithinRange',
            message: 'the desired count is within the acceptable range',
          };
  const rescale = desired !== current;
  return {
    desiredReplicas: desired,
    ...(rescale
      ? {
          rescaleTo: desired,
          rescaleReason: `New size: ${desired}; reason: Current number of replicas ${current < min ? 'below Spec.MinReplicas' : 'above Spec.MaxReplicas'}`,
        }
      : {}),
    conditions: [
      rescale
        ? {
            type: 'AbleToScale',
            status: 'True',
            reason: 'SucceededRescale',
            message: `the HPA controller was able to update the target scale to ${desired}`,
          }
        : {
            type: 'AbleToScale',
            status: 'True',
            reason: 'ReadyForNewScale',
            message: 'recommended size matches current size',
          },
      { type: 'ScalingActive', status: 'False', reason: 'MetricsNotSupported', message: noMetrics },
      { type: 'ScalingLimited', ...limited },
    ],
  };
}

/**
 * The HPA's next status: replica counts, the decision's conditions (keeping the transition time of those
 * that did not change), and `lastScaleTime` when it rescaled.
 */
export function nextHpaStatus(
  hpa: HorizontalPodAutoscaler,
  scale: ScaleView,
  decision: HpaDecision,
  now: string,
): HpaStatus {
  const previous = hpa.status?.conditions ?? [];
  const conditions = decision.conditions.map((c): Condition => {
    const before = previous.find((p) => p.type === c.type);
    const same = before && before.status === c.status && before.reason === c.reason;
    return { ...c, lastTransitionTime: same ? (before.lastTransitionTime ?? now) : now };
  });
  const lastScaleTime = decision.rescaleTo !== undefined ? now : hpa.status?.lastScaleTime;
  return {
    ...(hpa.metadata.generation !== undefined ? { observedGeneration: hpa.metadata.generation } : {}),
    ...(lastScaleTime ? { lastScaleTime } : {}),
    currentReplicas: scale.statusReplicas,
    desiredReplicas: decision.desiredReplicas,
    conditions,
  };
}
