import { type Canary, type TargetKind, TargetKinds } from '../apis/index.js';
import { DaemonSetType, DeploymentType } from '../kube/api/apps-v1.js';
import { dotted, type TypeRef } from '../kube/kube-object.js';
import { DaemonSetTarget } from './daemonset-target.js';
import {
  DeploymentTarget,
  type DeploymentTargetOptions,
  deploymentTargetTypes,
} from './deployment-target.js';
import { CoreServiceType } from './service-copies.js';
import { ServiceTarget } from './service-target.js';
import { TargetError, type WorkloadTarget } from './workload-target.js';

/** Target kinds Weir implements (a Knative Service, `serving.knative.dev`, is not one of them yet). */
export const SupportedTargetKinds = [
  'Deployment',
  'DaemonSet',
  'Service',
] as const satisfies readonly TargetKind[];

/** Kinds the targets read from the cache (Deployments, DaemonSets, Services, HPAs). */
export const targetTypes: readonly TypeRef[] = [...deploymentTargetTypes, DaemonSetType, CoreServiceType];

/** Kinds whose watch events can be a new revision of a target (the controller reacts to them at once). */
export const workloadTypes: readonly TypeRef[] = [DeploymentType, DaemonSetType];

/**
 * The {@link WorkloadTarget} for a Canary's `targetRef`. An unsupported kind is an error naming what is
 * supported — never Flagger's "assuming Deployment" fallback.
 */
export function createTarget(canary: Canary, deps: DeploymentTargetOptions): WorkloadTarget {
  const { kind, apiVersion, name } = canary.spec.targetRef;
  const knative = apiVersion.startsWith('serving.knative.dev/');
  if (kind === 'Deployment') return new DeploymentTarget(deps);
  if (kind === 'DaemonSet') return new DaemonSetTarget(deps);
  if (kind === 'Service' && !knative) return new ServiceTarget(deps);
  const known = (TargetKinds as readonly string[]).includes(kind);
  throw new TargetError(
    'unsupported-kind',
    `canary ${dotted(canary.metadata)}: targetRef ${apiVersion}/${kind} ${name} is ${known ? 'not supported yet' : 'not a known kind'}; supported kinds: ${SupportedTargetKinds.join(', ')}`,
  );
}
