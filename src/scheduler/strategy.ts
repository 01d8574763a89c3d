import type { Canary } from '../apis/index.js';

/** How a run moves traffic. */
export const DeploymentStrategies = ['canary', 'blue-green', 'ab-testing'] as const;
export type DeploymentStrategy = (typeof DeploymentStrategies)[number];

/** A/B when there are match conditions and iterations, Blue/Green with iterations only, else canary. */
export function deploymentStrategy(canary: Canary): DeploymentStrategy {
  const analysis = canary.spec.analysis;
  const iterations = analysis?.iterations ?? 0;
  if ((analysis?.match?.length ?? 0) > 0 && iterations > 0) return 'ab-testing';
  if (iterations > 0) return 'blue-green';
  return 'canary';
}
