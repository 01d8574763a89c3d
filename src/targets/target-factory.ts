import { type Canary, type TargetKind, TargetKinds } from '../apis/index.js';
import { dotted } from '../kube/kube-object.js';
import { DeploymentTarget, type DeploymentTargetOptions } from './deployment-target.js';
import { TargetError, type WorkloadTarget } from './workload-target.js';

/** Target kinds Weir implements so far (DaemonSet and Service come later). */
export const SupportedTargetKinds = ['Deployment'] as const satisfies readonly TargetKind[];

/**
 * The {@link WorkloadTarget} for a Canary's `targetRef`. An unsupported kind is an error naming what is
 * supported — never Flagger's "assuming Deployment" fallback.
 */
export function createTarget(canary: Canary, deps: DeploymentTargetOptions): WorkloadTarget {
  const { kind, apiVersion, name } = canary.spec.targetRef;
  if (kind === 'Deployment') return new DeploymentTarget(deps);
  const known = (TargetKinds as readonly string[]).includes(kind);
  throw new TargetError(
    'unsupported-kind',
    `canary ${dotted(canary.metadata)}: targetRef ${apiVersion}/${kind} ${name} is ${known ? 'not supported yet' : 'not a known kind'}; supported kinds: ${SupportedTargetKinds.join(', ')}`,
  );
}
