import type { Canary } from '../apis/index.js';

/** All traffic, in percent. */
export const totalWeight = 100;

/** The canary weight at which promotion starts: the last step of `stepWeights` (≤ 100), else `maxWeight`, else 100. */
export function maxWeight(canary: Canary): number {
  const analysis = canary.spec.analysis;
  const steps = analysis?.stepWeights ?? [];
  const last = steps[steps.length - 1];
  if (last !== undefined) return Math.min(totalWeight, last);
  if (analysis?.maxWeight !== undefined && analysis.maxWeight > 0) return analysis.maxWeight;
  return totalWeight;
}

/** How much the canary weight grows from `canaryWeight` on the next advance (Flagger's nextStepWeight). */
export function nextStepWeight(canary: Canary, canaryWeight: number): number {
  const analysis = canary.spec.analysis;
  const stepWeight = analysis?.stepWeight ?? 0;
  const steps = analysis?.stepWeights ?? [];
  if (stepWeight > 0 || steps.length === 0) return stepWeight;
  const maxStep = totalWeight - canaryWeight;
  if (maxStep === 0) return 1;
  const first = steps[0] ?? 0;
  if (canaryWeight === 0) return Math.min(maxStep, first);
  for (let i = 0; i < steps.length - 1; i++) {
    const current = steps[i] ?? 0;
    const next = steps[i + 1] ?? 0;
    if (current === canaryWeight) return Math.min(maxStep, next - canaryWeight);
  }
  return maxStep;
}

/**
 * The weights after one advance from `canaryWeight`. Unlike Flagger (§9.3 #7: step 20 with max 50 gives
 * 20, 40, 60), the canary weight stops at `max`: 20, 40, 50.
 */
export function advancedWeights(
  canaryWeight: number,
  step: number,
  max: number,
): { primary: number; canary: number } {
  const canary = Math.min(max, Math.min(totalWeight, canaryWeight + step));
  return { primary: totalWeight - canary, canary };
}
