import type { Canary } from '../apis/index.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import { type KubeClient, PatchKind } from '../kube/kube-client.js';
import { isAlreadyExists, isConflict } from '../kube/kube-errors.js';
import { dotted, type ObjectRef, type TypeRef } from '../kube/kube-object.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { type Deployment, DeploymentType, HorizontalPodAutoscalerType, type PodSpec } from './apps-v1.js';
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
import { type Readiness, TargetError, type TargetMetadata, type WorkloadTarget } from './workload-target.js';

/**
 * Seam for config tracking (a later issue): a checksum of the ConfigMaps and Secrets a pod spec references,
 * folded into the revision so that a config change is a new revision (and a new `flagger-id`).
 */
export interface ConfigHasher {
  /** A stable checksum of the configs `podSpec` references; '' when it references none. */
  checksum(canary: Canary, podSpec: PodSpec): string;
}

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
  /** Config tracking; none by default (Flagger's `NopTracker`). */
  configs?: ConfigHasher;
  /** Where `Deployment podinfo-primary.test created` goes. */
  logger?: Logger;
}

/** Kinds a Deployment target reads from the cache. */
export const deploymentTargetTypes: readonly TypeRef[] = [DeploymentType, HorizontalPodAutoscalerType];

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
      const primary = newPrimaryDeployment(canary, target, this.shape(canary, target));
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

  async promote(canary: Canary): Promise<void> {
    let primary = this.primary(canary);
    for (let attempt = 1; ; attempt++) {
      const target = this.target(canary);
      const next = promotedPrimary(primary, target, {
        ...this.shape(canary, target),
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

  private async scale(canary: Canary, target: Deployment, replicas: number): Promise<void> {
    if (target.spec.replicas === replicas) return;
    await this.options.client.patch(this.targetRef(canary), { spec: { replicas } }, PatchKind.Merge);
  }

  private revisionOf(canary: Canary, target: Deployment): string {
    const template = target.spec.template;
    const configs = this.options.configs?.checksum(canary, template.spec) ?? '';
    return revisionHash(configs === '' ? template : { template, configs });
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
