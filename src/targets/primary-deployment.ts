import { type Canary, CanaryKind, FlaggerApiVersion } from '../apis/index.js';
import type { Deployment } from '../kube/api/apps-v1.js';
import type { LabelSelector, PodSpec, PodTemplateSpec } from '../kube/api/core-v1.js';
import type { KubeObject, ObjectMeta, OwnerReference } from '../kube/kube-object.js';
import { withPrimaryConfigs } from './config-tracking/config-references.js';
import {
  includeByPrefix,
  primaryLabels,
  primaryTemplateAnnotations,
  withoutToolkitKeys,
} from './primary-metadata.js';

/** Annotations the Kubernetes deployment controller keeps on every Deployment (e.g. `deployment.kubernetes.io/revision`). */
const controllerAnnotationPrefix = 'deployment.kubernetes.io/';

/** How the primary is derived from the target. */
export interface PrimaryShape {
  /** The selector label key, e.g. `app`. */
  label: string;
  /** The target's selector value, e.g. `podinfo` (the primary's is `podinfo-primary`). */
  value: string;
  /** `-selector-labels`: keys whose affinity selectors follow the primary. */
  selectorLabels: readonly string[];
  /** `-include-label-prefix`: which object labels and annotations are copied. */
  includeLabelPrefix: readonly string[];
  /** The `flagger-id` pod-template annotation. */
  flaggerId: string;
  /** Tracked configs (`configmap/<name>` → checksum): the primary's pod spec names their `-primary` copies. */
  trackedConfigs?: Readonly<Record<string, string>>;
}

/** What a primary's pod template is derived from: a workload's name and template. */
export interface TemplateSource {
  metadata: { name: string };
  spec: { template: PodTemplateSpec };
}

/** `<target>-primary`. */
export function primaryNameOf(targetName: string): string {
  return `${targetName}-primary`;
}

/** The controller reference to the Canary that every generated object carries. */
export function canaryOwnerReference(canary: Canary): OwnerReference {
  return {
    apiVersion: FlaggerApiVersion,
    kind: CanaryKind,
    name: canary.metadata.name,
    uid: canary.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

function suffixSelector(
  selector: LabelSelector | undefined,
  targetName: string,
  keys: readonly string[],
): void {
  if (!selector) return;
  for (const expression of selector.matchExpressions ?? []) {
    if (!keys.includes(expression.key) || !expression.values) continue;
    expression.values = expression.values.map((v) => (v === targetName ? primaryNameOf(v) : v));
  }
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (keys.includes(key) && value === targetName) selector.matchLabels![key] = primaryNameOf(value);
  }
}

/**
 * The target's pod spec for the primary: topology-spread and pod-anti-affinity selectors on a selector
 * label whose value is the target's name now select the primary's pods (`podinfo` → `podinfo-primary`).
 */
export function primaryPodSpec(
  spec: PodSpec,
  targetName: string,
  selectorLabels: readonly string[],
): PodSpec {
  const copy = structuredClone(spec);
  for (const constraint of copy.topologySpreadConstraints ?? []) {
    suffixSelector(constraint.labelSelector, targetName, selectorLabels);
  }
  const anti = copy.affinity?.podAntiAffinity;
  for (const term of anti?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    suffixSelector(term.labelSelector, targetName, selectorLabels);
  }
  for (const weighted of anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    suffixSelector(weighted.podAffinityTerm?.labelSelector, targetName, selectorLabels);
  }
  return copy;
}

/**
 * The primary's pod template: the target's, with the primary's selector label, a `flagger-id`, tracked
 * configs renamed to their `-primary` copies and affinity selectors following the primary. `base` is the
 * template metadata to start from (the primary's own on promotion).
 */
export function primaryTemplate(
  target: TemplateSource,
  shape: PrimaryShape,
  base: PodTemplateSpec['metadata'],
): PodTemplateSpec {
  const source = target.spec.template;
  const spec = withPrimaryConfigs(source.spec, shape.trackedConfigs ?? {});
  return {
    metadata: {
      ...base,
      labels: primaryLabels(source.metadata?.labels, shape.label, primaryNameOf(shape.value)),
      annotations: primaryTemplateAnnotations(source.metadata?.annotations, shape.flaggerId),
    },
    spec: primaryPodSpec(spec, target.metadata.name, shape.selectorLabels),
  };
}

/** `map`, or undefined when it is empty (so an empty map is not written). */
export function nonEmpty(map: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(map).length > 0 ? map : undefined;
}

/** A new primary's metadata: `<target>-primary`, the target's filtered labels with the primary's selector value, its annotations, the Canary as owner. */
export function newPrimaryMetadata(canary: Canary, target: KubeObject, shape: PrimaryShape): ObjectMeta {
  return {
    name: primaryNameOf(target.metadata.name),
    ...(target.metadata.namespace ? { namespace: target.metadata.namespace } : {}),
    labels: primaryLabels(
      includeByPrefix(target.metadata.labels, shape.includeLabelPrefix),
      shape.label,
      primaryNameOf(shape.value),
    ),
    annotations: nonEmpty(withoutToolkitKeys(target.metadata.annotations)),
    ownerReferences: [canaryOwnerReference(canary)],
  };
}

/**
 * `next`'s labels and annotations on promotion: the target's filtered ones, plus the annotations of the
 * primary that its workload controller maintains (`kept`), so that promoting twice changes nothing.
 */
export function promoteMetadata(
  next: KubeObject,
  primary: KubeObject,
  target: KubeObject,
  shape: PrimaryShape,
  kept: (annotation: string) => boolean,
): void {
  const controllerOwned = Object.entries(primary.metadata.annotations ?? {}).filter(([k]) => kept(k));
  next.metadata.annotations = nonEmpty({
    ...includeByPrefix(target.metadata.annotations, shape.includeLabelPrefix),
    ...Object.fromEntries(controllerOwned),
  });
  next.metadata.labels = primaryLabels(
    includeByPrefix(target.metadata.labels, shape.includeLabelPrefix),
    shape.label,
    primaryNameOf(shape.value),
  );
}

/** The primary Deployment Flagger's `createPrimaryDeployment` creates for `target` (§3.1). */
export function newPrimaryDeployment(canary: Canary, target: Deployment, shape: PrimaryShape): Deployment {
  const primaryValue = primaryNameOf(shape.value);
  const replicas = target.spec.replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: newPrimaryMetadata(canary, target, shape),
    spec: {
      progressDeadlineSeconds: target.spec.progressDeadlineSeconds,
      minReadySeconds: target.spec.minReadySeconds,
      revisionHistoryLimit: target.spec.revisionHistoryLimit,
      replicas: replicas !== undefined && replicas > 0 ? replicas : 1,
      strategy: target.spec.strategy,
      selector: { matchLabels: { [shape.label]: primaryValue } },
      template: primaryTemplate(target, shape, {}),
    },
  };
}

/**
 * `primary` after Flagger's `Promote` (§2.9): the target's template, rollout settings, replicas (unless an
 * autoscaler owns them) and filtered labels/annotations. Annotations the deployment controller maintains
 * on the primary are kept, so that promoting twice finds nothing to change.
 */
export function promotedPrimary(
  primary: Deployment,
  target: Deployment,
  shape: PrimaryShape & { autoscaled: boolean },
): Deployment {
  const next = structuredClone(primary);
  next.spec.progressDeadlineSeconds = target.spec.progressDeadlineSeconds;
  next.spec.minReadySeconds = target.spec.minReadySeconds;
  next.spec.revisionHistoryLimit = target.spec.revisionHistoryLimit;
  next.spec.strategy = structuredClone(target.spec.strategy);
  if (!shape.autoscaled) next.spec.replicas = target.spec.replicas;
  next.spec.template = primaryTemplate(target, shape, primary.spec.template.metadata);
  promoteMetadata(next, primary, target, shape, (key) => key.startsWith(controllerAnnotationPrefix));
  return next;
}
