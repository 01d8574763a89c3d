import type { Canary } from '../apis/index.js';
import { type Deployment, DeploymentType } from '../kube/api/apps-v1.js';
import { HorizontalPodAutoscalerType, type ScaledObject, ScaledObjectType } from '../kube/api/autoscaling.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import { type KubeClient, PatchKind } from '../kube/kube-client.js';
import type { ObjectRef, TypeRef } from '../kube/kube-object.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { ConfigTracking } from './config-tracking/config-tracker.js';
import { canaryReadiness, primaryReadiness } from './deployment-readiness.js';
import { newPrimaryDeployment, promotedPrimary } from './primary-deployment.js';
import { scaleFromZeroReplicas } from './scale-from-zero.js';
import { WorkloadObjects } from './workload-objects.js';
import type { ConfigRef, Readiness, TargetMetadata, WorkloadTarget } from './workload-target.js';

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

/** A Canary's `targetRef: Deployment`: the primary is `<target>-primary`, a copy promoted on success. */
export class DeploymentTarget implements WorkloadTarget {
  private readonly objects: WorkloadObjects<Deployment>;

  constructor(private readonly options: DeploymentTargetOptions) {
    this.objects = new WorkloadObjects<Deployment>(
      {
        type: DeploymentType,
        word: 'deployment',
        resource: 'deployments.apps',
        revisionTemplate: (target) => target.spec.template,
      },
      options,
    );
  }

  metadata(canary: Canary): TargetMetadata {
    return this.objects.metadata(canary);
  }

  async initialize(canary: Canary, options: { checkPrimary: boolean }): Promise<Readiness> {
    await this.objects.createPrimary(canary, (target, shape) => newPrimaryDeployment(canary, target, shape));
    return options.checkPrimary ? this.isPrimaryReady(canary) : { ready: true };
  }

  isPrimaryReady(canary: Canary): Readiness {
    return primaryReadiness(canary, this.objects.primary(canary), this.options.clock.now());
  }

  isCanaryReady(canary: Canary): Readiness {
    return canaryReadiness(canary, this.objects.target(canary), this.options.clock.now());
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
    const autoscaled = canary.spec.autoscalerRef !== undefined;
    await this.objects.promote(canary, (primary, target, shape) =>
      promotedPrimary(primary, target, { ...shape, autoscaled }),
    );
  }

  async scaleToZero(canary: Canary): Promise<void> {
    await this.scale(canary, this.objects.target(canary), 0);
  }

  async scaleFromZero(canary: Canary): Promise<void> {
    const target = this.objects.target(canary);
    const replicas = scaleFromZeroReplicas({
      canary,
      target,
      primary: this.objects.cachedPrimary(canary),
      cache: this.options.cache,
    });
    await this.scale(canary, target, replicas);
  }

  async finalize(canary: Canary): Promise<void> {
    await this.resumeScaler(canary);
    const primary = this.objects.cachedPrimary(canary);
    if (!primary) {
      await this.scaleFromZero(canary);
      return;
    }
    // The API server defaults `replicas` to 1; an autoscaled primary has whatever its autoscaler chose.
    await this.scale(canary, this.objects.target(canary), primary.spec.replicas ?? 1);
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
    await this.options.client.patch(this.objects.targetRef(canary), { spec: { replicas } }, PatchKind.Merge);
  }
}
