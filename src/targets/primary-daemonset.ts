import type { Canary } from '../apis/index.js';
import type { DaemonSet } from '../kube/api/apps-v1.js';
import type { PodSpec, PodTemplateSpec } from '../kube/api/core-v1.js';
import {
  newPrimaryMetadata,
  type PrimaryShape,
  primaryNameOf,
  primaryTemplate,
  promoteMetadata,
} from './primary-deployment.js';

/** The annotation Kubernetes keeps on every DaemonSet (the template generation). */
const controllerAnnotation = 'deprecated.daemonset.template.generation';

/** The nodeSelector key Flagger adds to a DaemonSet to scale it to zero (no node carries the label). */
export const scaleToZeroKey = 'flagger.app/scale-to-zero';

/** Whether a DaemonSet is scaled to zero the Flagger way. */
export function isScaledToZero(daemonSet: DaemonSet): boolean {
  return daemonSet.spec.template.spec.nodeSelector?.[scaleToZeroKey] !== undefined;
}

/**
 * `spec` without the scale-to-zero nodeSelector, and without a nodeSelector left empty (Kubernetes omits
 * an empty one; Flagger hashes nil and empty alike), so scaling to zero and back is no change.
 */
export function withoutScaleToZero(spec: PodSpec): PodSpec {
  if (spec.nodeSelector === undefined) return spec;
  const { [scaleToZeroKey]: _dropped, ...rest } = spec.nodeSelector;
  const copy: PodSpec = { ...spec, nodeSelector: rest };
  if (Object.keys(rest).length === 0) delete copy.nodeSelector;
  return copy;
}

/** The template a DaemonSet revision is made of: scaling to zero and back is not a new revision. */
export function revisionTemplate(daemonSet: DaemonSet): PodTemplateSpec {
  const template = daemonSet.spec.template;
  return { ...template, spec: withoutScaleToZero(template.spec) };
}

/** The target as the primary copies it: its template without the scale-to-zero nodeSelector. */
function servingTarget(target: DaemonSet): DaemonSet {
  return { ...target, spec: { ...target.spec, template: revisionTemplate(target) } };
}

/** The primary DaemonSet Flagger's `createPrimaryDaemonSet` creates for `target` (§2.9). */
export function newPrimaryDaemonSet(canary: Canary, target: DaemonSet, shape: PrimaryShape): DaemonSet {
  const primaryValue = primaryNameOf(shape.value);
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: newPrimaryMetadata(canary, target, shape),
    spec: {
      minReadySeconds: target.spec.minReadySeconds,
      revisionHistoryLimit: target.spec.revisionHistoryLimit,
      updateStrategy: target.spec.updateStrategy,
      selector: { matchLabels: { [shape.label]: primaryValue } },
      template: primaryTemplate(servingTarget(target), shape, {}),
    },
  };
}

/**
 * `primary` after Flagger's DaemonSet `Promote` (§2.9): the target's template (never its scale-to-zero
 * nodeSelector), rollout settings and filtered labels/annotations; deterministic, so promoting twice
 * finds nothing to change.
 */
export function promotedPrimaryDaemonSet(
  primary: DaemonSet,
  target: DaemonSet,
  shape: PrimaryShape,
): DaemonSet {
  const next = structuredClone(primary);
  next.spec.minReadySeconds = target.spec.minReadySeconds;
  next.spec.revisionHistoryLimit = target.spec.revisionHistoryLimit;
  next.spec.updateStrategy = structuredClone(target.spec.updateStrategy);
  next.spec.template = primaryTemplate(servingTarget(target), shape, primary.spec.template.metadata);
  promoteMetadata(next, primary, target, shape, (key) => key === controllerAnnotation);
  return next;
}
