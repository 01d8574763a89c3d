import type { Canary } from '../apis/index.js';
import type { NotifierField } from '../notifiers/notifier.js';

/** The canary weight at which promotion starts (Flagger's `maxWeight(cd)`). */
export function effectiveMaxWeight(analysis: Canary['spec']['analysis']): number {
  const steps = analysis.stepWeights ?? [];
  if (steps.length > 0) return Math.min(100, steps[steps.length - 1] ?? 100);
  return analysis.maxWeight && analysis.maxWeight > 0 ? analysis.maxWeight : 100;
}

function trafficRouting(analysis: Canary['spec']['analysis']): string | undefined {
  if (analysis.stepWeight && analysis.stepWeight > 0) {
    return `Weight step: ${analysis.stepWeight} max: ${effectiveMaxWeight(analysis)}`;
  }
  if (analysis.stepWeights && analysis.stepWeights.length > 0) {
    return `Weight steps: ${analysis.stepWeights.join(',')} max: ${effectiveMaxWeight(analysis)}`;
  }
  if (analysis.match && analysis.match.length > 0) return 'A/B Testing';
  if (analysis.iterations && analysis.iterations > 0) return 'Blue/Green';
  return undefined;
}

/**
 * The fields of an alert: `Cluster` (when the operator has a cluster name), then with `withMetadata`
 * `Target`, `Failed checks threshold`, `Progress deadline` and `Traffic routing` as Flagger words them.
 */
export function alertFields(
  canary: Canary,
  options: { clusterName?: string; withMetadata: boolean },
): NotifierField[] {
  const fields: NotifierField[] = [];
  if (options.clusterName) fields.push({ name: 'Cluster', value: options.clusterName });
  if (!options.withMetadata) return fields;
  const { targetRef, analysis } = canary.spec;
  const threshold = analysis.threshold > 0 ? analysis.threshold : 1;
  fields.push(
    { name: 'Target', value: `${targetRef.kind}/${targetRef.name}.${canary.metadata.namespace ?? ''}` },
    { name: 'Failed checks threshold', value: String(threshold) },
    { name: 'Progress deadline', value: `${canary.spec.progressDeadlineSeconds ?? 600}s` },
  );
  const routing = trafficRouting(analysis);
  if (routing) fields.push({ name: 'Traffic routing', value: routing });
  return fields;
}
