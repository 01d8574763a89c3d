import type { Canary } from '../../apis/index.js';
import type { HorizontalPodAutoscaler } from '../../kube/api/autoscaling.js';
import { canaryOwnerReference, nonEmpty, primaryNameOf } from '../primary-deployment.js';
import { includeByPrefix, withoutToolkitKeys } from '../primary-metadata.js';
import { jsonEqual } from '../revision-hash.js';

/** `<autoscalerRef.name>-primary`. */
export function primaryHpaName(canary: Canary): string {
  return primaryNameOf(canary.spec.autoscalerRef?.name ?? '');
}

/**
 * The primary HPA's spec (Flagger's `reconcilePrimaryHpaV2`): the target HPA's replicas, metrics and
 * behavior, scaling `<target>-primary` (same kind and apiVersion), with `primaryScalerReplicas` overriding
 * min and max.
 */
export function primaryHpaSpec(
  canary: Canary,
  target: HorizontalPodAutoscaler,
): HorizontalPodAutoscaler['spec'] {
  const source = target.spec;
  const overrides = canary.spec.autoscalerRef?.primaryScalerReplicas;
  const minReplicas = overrides?.minReplicas ?? source.minReplicas;
  const ref = source.scaleTargetRef;
  return {
    scaleTargetRef: {
      ...(ref?.apiVersion ? { apiVersion: ref.apiVersion } : {}),
      kind: ref?.kind ?? canary.spec.targetRef.kind,
      name: primaryNameOf(canary.spec.targetRef.name),
    },
    ...(minReplicas === undefined ? {} : { minReplicas }),
    maxReplicas: overrides?.maxReplicas ?? source.maxReplicas,
    ...(source.metrics === undefined ? {} : { metrics: structuredClone(source.metrics) }),
    ...(source.behavior === undefined ? {} : { behavior: structuredClone(source.behavior) }),
  };
}

/** Labels and annotations of the primary HPA: the target HPA's, Flux's keys dropped, annotations by `-include-label-prefix`. */
function primaryHpaMetadata(target: HorizontalPodAutoscaler, includeLabelPrefix: readonly string[]) {
  return {
    labels: nonEmpty(withoutToolkitKeys(target.metadata.labels)),
    annotations: nonEmpty(includeByPrefix(target.metadata.annotations, includeLabelPrefix)),
  };
}

/** The `<hpa>-primary` Flagger creates at initialization. */
export function newPrimaryHpa(
  canary: Canary,
  target: HorizontalPodAutoscaler,
  includeLabelPrefix: readonly string[],
): HorizontalPodAutoscaler {
  const { labels, annotations } = primaryHpaMetadata(target, includeLabelPrefix);
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: primaryHpaName(canary),
      ...(canary.metadata.namespace ? { namespace: canary.metadata.namespace } : {}),
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
      ownerReferences: [canaryOwnerReference(canary)],
    },
    spec: primaryHpaSpec(canary, target),
  };
}

/** `minReplicas` as Kubernetes reads it (1 when unset), as Flagger compares it. */
function minOf(spec: HorizontalPodAutoscaler['spec']): number {
  return spec.minReplicas ?? 1;
}

/**
 * `primary` synced with the target HPA at promotion (Flagger's update with `init=false`), or undefined
 * when metrics, behavior, min/max, scale target, labels and annotations already match.
 */
export function syncedPrimaryHpa(
  canary: Canary,
  primary: HorizontalPodAutoscaler,
  target: HorizontalPodAutoscaler,
  includeLabelPrefix: readonly string[],
): HorizontalPodAutoscaler | undefined {
  const spec = primaryHpaSpec(canary, target);
  const { labels, annotations } = primaryHpaMetadata(target, includeLabelPrefix);
  const current = primary.spec;
  const same =
    jsonEqual(spec.metrics, current.metrics) &&
    jsonEqual(spec.behavior, current.behavior) &&
    minOf(spec) === minOf(current) &&
    spec.maxReplicas === current.maxReplicas &&
    jsonEqual(spec.scaleTargetRef, current.scaleTargetRef) &&
    jsonEqual(labels, nonEmpty(primary.metadata.labels ?? {})) &&
    jsonEqual(annotations, nonEmpty(primary.metadata.annotations ?? {}));
  if (same) return undefined;
  const next = structuredClone(primary);
  next.spec = { ...next.spec, ...spec };
  if (spec.minReplicas === undefined) delete next.spec.minReplicas;
  if (spec.metrics === undefined) delete next.spec.metrics;
  if (spec.behavior === undefined) delete next.spec.behavior;
  if (labels) next.metadata.labels = labels;
  else delete next.metadata.labels;
  if (annotations) next.metadata.annotations = annotations;
  else delete next.metadata.annotations;
  return next;
}
