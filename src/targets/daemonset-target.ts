import type { Canary } from '../apis/index.js';
import { type DaemonSet, DaemonSetType } from '../kube/api/apps-v1.js';
import { PatchKind } from '../kube/kube-client.js';
import { dotted } from '../kube/kube-object.js';
import { canaryDaemonSetReadiness, primaryDaemonSetReadiness } from './daemonset-readiness.js';
import type { DeploymentTargetOptions } from './deployment-target.js';
import {
  isScaledToZero,
  newPrimaryDaemonSet,
  promotedPrimaryDaemonSet,
  revisionTemplate,
  scaleToZeroKey,
} from './primary-daemonset.js';
import { WorkloadObjects } from './workload-objects.js';
import {
  type ConfigRef,
  type Readiness,
  TargetError,
  type TargetMetadata,
  type WorkloadTarget,
} from './workload-target.js';

/**
 * A Canary's `targetRef: DaemonSet` (§2.9–2.11): the primary is `<target>-primary`; the target is "scaled to
 * zero" by a nodeSelector no node matches (`flagger.app/scale-to-zero: "true"`) and back by removing it.
 */
export class DaemonSetTarget implements WorkloadTarget {
  private readonly objects: WorkloadObjects<DaemonSet>;

  constructor(private readonly options: DeploymentTargetOptions) {
    this.objects = new WorkloadObjects<DaemonSet>(
      { type: DaemonSetType, word: 'daemonset', resource: 'daemonsets.apps', revisionTemplate },
      options,
    );
  }

  metadata(canary: Canary): TargetMetadata {
    return this.objects.metadata(canary);
  }

  async initialize(canary: Canary, options: { checkPrimary: boolean }): Promise<Readiness> {
    const target = this.objects.target(canary);
    const strategy = target.spec.updateStrategy?.type;
    if (strategy !== undefined && strategy !== '' && strategy !== 'RollingUpdate') {
      throw new TargetError(
        'invalid-target',
        `daemonset ${dotted(target.metadata)} must have RollingUpdate strategy but have ${strategy}`,
      );
    }
    await this.objects.createPrimary(canary, (source, shape) => newPrimaryDaemonSet(canary, source, shape));
    return options.checkPrimary ? this.isPrimaryReady(canary) : { ready: true };
  }

  isPrimaryReady(canary: Canary): Readiness {
    return primaryDaemonSetReadiness(canary, this.objects.primary(canary), this.options.clock.now());
  }

  isCanaryReady(canary: Canary): Readiness {
    return canaryDaemonSetReadiness(canary, this.objects.target(canary), this.options.clock.now());
  }

  revision(canary: Canary): string {
    return this.objects.revision(canary);
  }

  trackedConfigs(canary: Canary): Record<string, string> | undefined {
    return this.objects.trackedConfigs(canary);
  }

  configRefs(canary: Canary): ConfigRef[] {
    return this.objects.configRefs(canary);
  }

  async promote(canary: Canary): Promise<void> {
    await this.objects.promote(canary, promotedPrimaryDaemonSet);
  }

  async scaleToZero(canary: Canary): Promise<void> {
    if (isScaledToZero(this.objects.target(canary))) return;
    await this.patchNodeSelector(canary, { [scaleToZeroKey]: 'true' });
  }

  async scaleFromZero(canary: Canary): Promise<void> {
    const target = this.objects.target(canary);
    if (!isScaledToZero(target)) return;
    // The key alone, or the whole nodeSelector when nothing else is in it (as Kubernetes omits an empty one).
    const others = Object.keys(target.spec.template.spec.nodeSelector ?? {}).filter(
      (k) => k !== scaleToZeroKey,
    );
    await this.patchNodeSelector(canary, others.length > 0 ? { [scaleToZeroKey]: null } : null);
  }

  async finalize(canary: Canary): Promise<void> {
    await this.scaleFromZero(canary);
  }

  /** Merge-patches the target's nodeSelector (null removes a key, or the whole map), leaving the rest of the template. */
  private async patchNodeSelector(
    canary: Canary,
    nodeSelector: Record<string, string | null> | null,
  ): Promise<void> {
    const patch = { spec: { template: { spec: { nodeSelector } } } };
    await this.options.client.patch(this.objects.targetRef(canary), patch, PatchKind.Merge);
  }
}
