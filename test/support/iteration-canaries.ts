import type { Canary } from '../../src/apis/index.js';

/**
 * `canary` switched to an iteration-based strategy (Blue/Green, or A/B with `analysis.match`): the CRD
 * allows exactly one of `iterations`, `stepWeight` and `stepWeights`, so the weights go.
 */
export function withIterations(canary: Canary, iterations: number): Canary {
  const copy = structuredClone(canary);
  const { stepWeight: _s, stepWeights: _w, maxWeight: _m, ...analysis } = copy.spec.analysis;
  copy.spec.analysis = { ...analysis, iterations };
  return copy;
}
