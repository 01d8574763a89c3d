import type { Canary } from '../apis/index.js';
import { PatchKind } from '../kube/kube-client.js';
import { isAlreadyExists, isConflict } from '../kube/kube-errors.js';
import { dotted, type ObjectRef } from '../kube/kube-object.js';
import { type DaemonSet, DaemonSetType } from './apps-v1.js';
import { toConfigRefs } from './config-tracking/config-references.js';
import { configsChecksum } from './config-tracking/config-tracker.js';
import { canaryDaemonSetReadiness, primaryDaemonSetReadiness } from './daemonset-readiness.js';
import type { DeploymentTargetOptions } from './deployment-target.js';
import {
  isScaledToZero,
  newPrimaryDaemonSet,
  promotedPrimaryDaemonSet,
  revisionTemplate,
  scaleToZeroKey,
} from './primary-daemonset.js';
import { type PrimaryShape, primaryNameOf } from './primary-deployment.js';
import { flaggerId, jsonEqual, revisionHash } from './revision-hash.js';
import { discoverPorts, findSelectorLabel, goList } from './target-metadata.js';
import {
  type ConfigRef,
  type Readiness,
  TargetError,
  type TargetMetadata,
  type WorkloadTarget,
} from './workload-target.js';

/** Attempts of a promotion that keeps meeting a concurrent writer. */
const promoteAttempts = 5;

/**
 * A Canary's `targetRef: DaemonSet` (§2.9–2.11): the primary is `<target>-primary`; the target is "scaled to
 * zero" by a nodeSelector no node matches (`flagger.app/scale-to-zero: "true"`) and back by removing it.
 */
export class DaemonSetTarget implements WorkloadTarget {
  constructor(private readonly options: DeploymentTargetOptions) {}

  metadata(canary: Canary): TargetMetadata {
    const target = this.target(canary);
    const { label, value } = this.selector(target);
    const service = canary.spec.service;
    const ports = service?.portDiscovery ? discoverPorts(service, target.spec.template.spec.containers) : {};
    return { label, value, ports };
  }

  async initialize(canary: Canary, options: { checkPrimary: boolean }): Promise<Readiness> {
    const target = this.target(canary);
    const strategy = target.spec.updateStrategy?.type;
    if (strategy !== undefined && strategy !== '' && strategy !== 'RollingUpdate') {
      throw new TargetError(
        'invalid-target',
        `daemonset ${dotted(target.metadata)} must have RollingUpdate strategy but have ${strategy}`,
      );
    }
    if (!this.options.cache.get<DaemonSet>(this.primaryRef(canary))) {
      const trackedConfigs = await this.syncConfigs(canary, target);
      const primary = newPrimaryDaemonSet(canary, target, { ...this.shape(canary, target), trackedConfigs });
      try {
        await this.options.client.create(primary);
        this.options.logger?.info(`DaemonSet ${dotted(primary.metadata)} created`, {
          canary: dotted(canary.metadata),
        });
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
      }
    }
    return options.checkPrimary ? this.isPrimaryReady(canary) : { ready: true };
  }

  isPrimaryReady(canary: Canary): Readiness {
    return primaryDaemonSetReadiness(canary, this.primary(canary), this.options.clock.now());
  }

  isCanaryReady(canary: Canary): Readiness {
    return canaryDaemonSetReadiness(canary, this.target(canary), this.options.clock.now());
  }

  revision(canary: Canary): string {
    return this.revisionOf(canary, this.target(canary));
  }

  trackedConfigs(canary: Canary): Record<string, string> | undefined {
    return this.options.configs?.tracked(canary, this.target(canary).spec.template.spec);
  }

  configRefs(canary: Canary): ConfigRef[] {
    const configs = this.options.configs;
    return configs ? toConfigRefs(configs.references(this.target(canary).spec.template.spec)) : [];
  }

  async promote(canary: Canary): Promise<void> {
    let primary = this.primary(canary);
    const trackedConfigs = await this.syncConfigs(canary, this.target(canary));
    for (let attempt = 1; ; attempt++) {
      const target = this.target(canary);
      const next = promotedPrimaryDaemonSet(primary, target, {
        ...this.shape(canary, target),
        trackedConfigs,
      });
      if (jsonEqual(next, primary)) return;
      try {
        await this.options.client.replace(next);
        return;
      } catch (error) {
        if (!isConflict(error) || attempt >= promoteAttempts) throw error;
      }
      const fresh = await this.options.client.get<DaemonSet>(this.primaryRef(canary));
      if (!fresh) throw notFound(this.primaryRef(canary));
      primary = fresh;
    }
  }

  async scaleToZero(canary: Canary): Promise<void> {
    if (isScaledToZero(this.target(canary))) return;
    await this.patchNodeSelector(canary, { [scaleToZeroKey]: 'true' });
  }

  async scaleFromZero(canary: Canary): Promise<void> {
    const target = this.target(canary);
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
    await this.options.client.patch(this.targetRef(canary), patch, PatchKind.Merge);
  }

  private revisionOf(canary: Canary, target: DaemonSet): string {
    const template = revisionTemplate(target);
    const configs = configsChecksum(this.options.configs?.tracked(canary, template.spec) ?? {});
    return revisionHash(configs === '' ? template : { template, configs });
  }

  private async syncConfigs(canary: Canary, target: DaemonSet): Promise<Record<string, string>> {
    return (await this.options.configs?.syncPrimaries(canary, target.spec.template.spec)) ?? {};
  }

  private shape(canary: Canary, target: DaemonSet): PrimaryShape {
    const { label, value } = this.selector(target);
    return {
      label,
      value,
      selectorLabels: this.options.selectorLabels,
      includeLabelPrefix: this.options.includeLabelPrefix,
      flaggerId: flaggerId(this.revisionOf(canary, target)),
    };
  }

  private selector(target: DaemonSet): { label: string; value: string } {
    const found = findSelectorLabel(target.spec.selector?.matchLabels, this.options.selectorLabels);
    if (found) return found;
    throw new TargetError(
      'no-selector-label',
      `daemonset ${dotted(target.metadata)} spec.selector.matchLabels must contain one of ${goList(this.options.selectorLabels)}`,
    );
  }

  private targetRef(canary: Canary): ObjectRef {
    return { ...DaemonSetType, namespace: canary.metadata.namespace, name: canary.spec.targetRef.name };
  }

  private primaryRef(canary: Canary): ObjectRef {
    return { ...this.targetRef(canary), name: primaryNameOf(canary.spec.targetRef.name) };
  }

  private target(canary: Canary): DaemonSet {
    return this.read(this.targetRef(canary));
  }

  private primary(canary: Canary): DaemonSet {
    return this.read(this.primaryRef(canary));
  }

  private read(ref: ObjectRef): DaemonSet {
    const found = this.options.cache.get<DaemonSet>(ref);
    if (!found) throw notFound(ref);
    return found;
  }
}

/** Flagger's wording: `daemonset podinfo.test get query error: daemonsets.apps "podinfo" not found`. */
function notFound(ref: ObjectRef): TargetError {
  return new TargetError(
    'target-not-found',
    `daemonset ${dotted(ref)} get query error: daemonsets.apps "${ref.name}" not found`,
  );
}
