import type { LabelSelector } from '../../kube/api/core-v1.js';

/**
 * Whether `labels` satisfy a label selector (`matchLabels` and `matchExpressions` with `In`, `NotIn`,
 * `Exists`, `DoesNotExist`). An empty selector matches everything, as in Kubernetes; an unknown operator
 * matches nothing.
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(labels[expression.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expression.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether `labels` carry every entry of a plain map selector (Service `spec.selector`, `nodeSelector`). */
export function mapSelectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string> = {},
): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** A selector with one more required label (the ReplicaSet's `pod-template-hash`). */
export function withLabel(selector: LabelSelector, key: string, value: string): LabelSelector {
  return { ...selector, matchLabels: { ...selector.matchLabels, [key]: value } };
}
