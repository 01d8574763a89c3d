import type { Canary } from '../apis/index.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import { type KubeClient, PatchKind } from '../kube/kube-client.js';
import { isAlreadyExists, isConflict } from '../kube/kube-errors.js';
import { dotted, type ObjectRef, type TypeRef } from '../kube/kube-object.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import {
  type Deployment,
  DeploymentType,
  HorizontalPodAutoscalerType,
  type ScaledObject,
  ScaledObjectType,
} from './apps-v1.js';
import { toConfigRefs } from './config-tracking/config-references.js';
import { type ConfigTracking, configsChecksum } from './config-tracking/config-tracker.js';
import { canaryReadiness, primaryReadiness } from './deployment-readiness.js';
import {
  newPrimaryDeployment,
  type PrimaryShape,
  primaryNameOf,
  promotedPrimary,
} from './primary-deployment.js';
import { flaggerId, jsonEqual, revisionHash } from './revision-hash.js';
import { scaleFromZeroReplicas } from './scale-from-zero.js';
import { discoverPorts, findSelectorLabel, goList } from './target-metadata.js';
import {
  type ConfigRef,
  type Readiness,
  TargetError,
  type TargetMetadata,
  type WorkloadTarget,
} from './workload-target.js';

/** What a {@link DeploymentTarget} works with. */
export interface DeploymentTargetOptions {
  /** Writes (the caching client, so the cache sees them at once). */
  client: KubeClient;
  /** Reads: must track {@link deploymentTargetTypes} (and KEDA ScaledObjects where a Canary's autoscalerRef names one). */
  cache: ClusterReader;
  /** The progress deadline is measured against it. */
  clock: Clock;
  /** `-selector-labels`, e.g. `['app', 'name', 'app.kubernetes.io/name']`. */
  selectorLabels: readonly string[];
  /** `-include-label-prefix`. */
  includeLabelPrefix: readonly string[];
  /** Config tracking (folded into the revision, `-primary` copies); none by default (Flagger's `NopTracker`). */
  configs?: ConfigTracking;
  /** Where `Deployment podinfo-primary.test created` goes. */
  logger?: Logger;
}

/** Kinds a Deployment target reads from the cache. */
export const deploymentTargetTypes: readonly TypeRef[] = [DeploymentType, HorizontalPodAutoscalerType];

/** KEDA's annotation that holds a ScaledObject's target at a fixed replica count. */
export const pausedReplicasAnnotation = 'autoscaling.keda.sh/paused-replicas';

/** Attempts of a promotion that keeps meeting a concurrent writer. */
const promoteAttempts = 5;

/** A Canary's `targetRef: Deployment`: the primary is `<target>-primary`, a copy promoted on success. */
export class DeploymentTarget implements WorkloadTarget {
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
    if (!this.options.cache.get<Deployment>(this.primaryRef(canary))) {
      const trackedConfigs = await this.syncConfigs(canary, target);
      const primary = newPrimaryDeployment(canary, target, { ...this.shape(canary, target), trackedConfigs });
      try {
        await this.options.client.create(primary);
        this.options.logger?.info(`Deployment ${dotted(primary.metadata)} created`, {
          canary: dotted(canary.metadata),
        });
      } catch (error) {
        // Created meanwhile (by an earlier tick whose write the cache has not seen): nothing to do.
        if (!isAlreadyExists(error)) throw error;
      }
    }
    return options.checkPrimary ? this.isPrimaryReady(canary) : { ready: true };
  }

  isPrimaryReady(canary: Canary): Readiness {
    return primaryReadiness(canary, this.primary(canary), this.options.clock.now());
  }

  isCanaryReady(canary: Canary): Readiness {
    return canaryReadiness(canary, this.target(canary), this.options.clock.now());
  }

  revision(canary: Canary): string {
    return this.revisionOf(canary, this.target(canary));
  }

  trackedConfigs(canary: Canary): Record<string, string> | undefined {
    return this.options.configs?.tracked(canary, this.target(canary).spec.template.spec);
  }

  configRefs(canary: Canary): ConfigRef[] {
    const configs = this.options.configs;
    if (!configs) return [];
    return toConfigRefs(configs.references(this.target(canary).spec.template.spec));
  }

  async promote(canary: Canary): Promise<void> {
    let primary = this.primary(canary);
    const trackedConfigs = await this.syncConfigs(canary, this.target(canary));
    for (let attempt = 1; ; attempt++) {
      const target = this.target(canary);
      const next = promotedPrimary(primary, target, {
        ...this.shape(canary, target),
        trackedConfigs,
        autoscaled: canary.spec.autoscalerRef !== undefined,
      });
      if (jsonEqual(next, primary)) return;
      try {
        await this.options.client.replace(next);
        return;
      } catch (error) {
        if (!isConflict(error) || attempt >= promoteAttempts) throw error;
      }
      // Someone else wrote the primary: start again from what the server has now.
      const fresh = await this.options.client.get<Deployment>(this.primaryRef(canary));
      if (!fresh) throw notFound(this.primaryRef(canary));
      primary = fresh;
    }
  }

  async scaleToZero(canary: Canary): Promise<void> {
    await this.scale(canary, this.target(canary), 0);
  }

  async scaleFromZero(canary: Canary): Promise<void> {
    const target = this.target(canary);
    const replicas = scaleFromZeroReplicas({
      canary,
      target,
      primary: this.options.cache.get<Deployment>(this.primaryRef(canary)),
      cache: this.options.cache,
    });
    await this.scale(canary, target, replicas);
  }

  async finalize(canary: Canary): Promise<void> {
    await this.resumeScaler(canary);
    const primary = this.options.cache.get<Deployment>(this.primaryRef(canary));
    if (!primary) {
      await this.scaleFromZero(canary);
      return;
    }
    // The API server defaults `replicas` to 1; an autoscaled primary has whatever its autoscaler chose.
    await this.scale(canary, this.target(canary), primary.spec.replicas ?? 1);
  }

  /**
   * Flagger's ResumeTargetScaler: a KEDA ScaledObject paused at zero replicas (Flagger pauses the target's
   * while the canary is idle) loses its `paused-replicas` annotation; an HPA needs nothing.
   */
  private async resumeScaler(canary: Canary): Promise<void> {
    const ref = canary.spec.autoscalerRef;
    if (ref?.kind !== 'ScaledObject') return;
    const where: ObjectRef = { ...ScaledObjectType, namespace: canary.metadata.namespace, name: ref.name };
    const scaledObject = await this.options.client.get<ScaledObject>(where);
    if (scaledObject?.metadata.annotations?.[pausedReplicasAnnotation] === undefined) return;
    await this.options.client.patch(
      where,
      { metadata: { annotations: { [pausedReplicasAnnotation]: null } } },
      PatchKind.Merge,
    );
  }

  private async scale(canary: Canary, target: Deployment, replicas: number): Promise<void> {
    if (target.spec.replicas === replicas) return;
    await this.options.client.patch(this.targetRef(canary), { spec: { replicas } }, PatchKind.Merge);
  }

  private revisionOf(canary: Canary, target: Deployment): string {
    const template = target.spec.template;
    const tracked = this.options.configs?.tracked(canary, template.spec) ?? {};
    const configs = configsChecksum(tracked);
    return revisionHash(configs === '' ? template : { template, configs });
  }

  /** Flagger's `CreatePrimaryConfigs`: the `-primary` copies of the tracked configs, before the primary uses them. */
  private async syncConfigs(canary: Canary, target: Deployment): Promise<Record<string, string>> {
    return (await this.options.configs?.syncPrimaries(canary, target.spec.template.spec)) ?? {};
  }

  private shape(canary: Canary, target: Deployment): PrimaryShape {
    const { label, value } = this.selector(target);
    return {
      label,
      value,
      selectorLabels: this.options.selectorLabels,
      includeLabelPrefix: this.options.includeLabelPrefix,
      flaggerId: flaggerId(this.revisionOf(canary, target)),
    };
  }

  private selector(target: Deployment): { label: string; value: string } {
    const found = findSelectorLabel(target.spec.selector?.matchLabels, this.options.selectorLabels);
    if (found) return found;
    throw new TargetError(
      'no-selector-label',
      `deployment ${dotted(target.metadata)} spec.selector.matchLabels must contain one of ${goList(this.options.selectorLabels)}`,
    );
  }

  private targetRef(canary: Canary): ObjectRef {
    return { ...DeploymentType, namespace: canary.metadata.namespace, name: canary.spec.targetRef.name };
  }

  private primaryRef(canary: Canary): ObjectRef {
    return { ...this.targetRef(canary), name: primaryNameOf(canary.spec.targetRef.name) };
  }

  private target(canary: Canary): Deployment {
    return this.read(this.targetRef(canary));
  }

  private primary(canary: Canary): Deployment {
    return this.read(this.primaryRef(canary));
  }

  private read(ref: ObjectRef): Deployment {
    const found = this.options.cache.get<Deployment>(ref);
    if (!found) throw notFound(ref);
    return found;
  }
}

/** Flagger's wording for a missing Deployment: `deployment podinfo.test get query error: deployments.apps "podinfo" not found`. */
function notFound(ref: ObjectRef): TargetError {
  return new TargetError(
    'target-not-found',
    `deployment ${dotted(ref)} get query error: deployments.apps "${ref.name}" not found`,
  );
}
