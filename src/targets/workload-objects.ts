import type { Canary } from '../apis/index.js';
import type { PodSpec, PodTemplateSpec } from '../kube/api/core-v1.js';
import { isAlreadyExists, isConflict } from '../kube/kube-errors.js';
import { dotted, type KubeObject, type ObjectRef, type TypeRef } from '../kube/kube-object.js';
import { toConfigRefs } from './config-tracking/config-references.js';
import { configsChecksum } from './config-tracking/config-tracker.js';
import type { DeploymentTargetOptions } from './deployment-target.js';
import { type PrimaryShape, primaryNameOf } from './primary-deployment.js';
import { flaggerId, jsonEqual, revisionHash } from './revision-hash.js';
import { discoverPorts, findSelectorLabel, goList } from './target-metadata.js';
import { type ConfigRef, TargetError, type TargetMetadata } from './workload-target.js';

/** A workload with a pod template: a Deployment or a DaemonSet. */
export interface TemplatedWorkload extends KubeObject {
  spec: { selector?: { matchLabels?: Record<string, string> }; template: PodTemplateSpec };
}

/** How one workload kind is named and hashed. */
export interface WorkloadKind<T extends TemplatedWorkload> {
  /** Its apiVersion and kind. */
  type: TypeRef;
  /** Flagger's word for it in messages: `deployment`, `daemonset`. */
  word: string;
  /** Its resource as a NotFound names it: `deployments.apps`. */
  resource: string;
  /** The part of the target whose hash is its revision (scaling a DaemonSet to zero is no new revision). */
  revisionTemplate(target: T): PodTemplateSpec;
}

/** A primary with its tracked configs' checksums, as the primary builders take it. */
export type TrackedShape = PrimaryShape & { trackedConfigs: Record<string, string> };

/** Attempts of a promotion that keeps meeting a concurrent writer. */
const promoteAttempts = 5;

/**
 * What a workload target of one kind does the same way for every kind: find the target and its
 * `<target>-primary` in the cache, the selector label, the revision hash (template + tracked configs),
 * the `-primary` config copies, creating the primary once and replacing it on promotion.
 */
export class WorkloadObjects<T extends TemplatedWorkload> {
  constructor(
    private readonly kind: WorkloadKind<T>,
    private readonly options: DeploymentTargetOptions,
  ) {}

  metadata(canary: Canary): TargetMetadata {
    const target = this.target(canary);
    const { label, value } = this.selector(target);
    const service = canary.spec.service;
    const ports = service?.portDiscovery ? discoverPorts(service, target.spec.template.spec.containers) : {};
    return { label, value, ports };
  }

  revision(canary: Canary): string {
    return this.revisionOf(canary, this.target(canary));
  }

  trackedConfigs(canary: Canary): Record<string, string> | undefined {
    return this.options.configs?.tracked(canary, this.podSpec(canary));
  }

  configRefs(canary: Canary): ConfigRef[] {
    const configs = this.options.configs;
    return configs ? toConfigRefs(configs.references(this.podSpec(canary))) : [];
  }

  /** Creates the primary `build` makes from the target, unless the cache has one. */
  async createPrimary(canary: Canary, build: (target: T, shape: TrackedShape) => T): Promise<void> {
    if (this.options.cache.get<T>(this.primaryRef(canary))) return;
    const target = this.target(canary);
    const trackedConfigs = await this.syncConfigs(canary, target);
    const primary = build(target, { ...this.shape(canary, target), trackedConfigs });
    try {
      await this.options.client.create(primary);
      this.options.logger?.info(`${this.kind.type.kind} ${dotted(primary.metadata)} created`, {
        canary: dotted(canary.metadata),
      });
    } catch (error) {
      // Created meanwhile (by an earlier tick whose write the cache has not seen): nothing to do.
      if (!isAlreadyExists(error)) throw error;
    }
  }

  /** Replaces the primary by `promoted(primary, target, shape)`, again from the server's copy on a conflict. */
  async promote(canary: Canary, promoted: (primary: T, target: T, shape: TrackedShape) => T): Promise<void> {
    let primary = this.primary(canary);
    const trackedConfigs = await this.syncConfigs(canary, this.target(canary));
    for (let attempt = 1; ; attempt++) {
      const target = this.target(canary);
      const next = promoted(primary, target, { ...this.shape(canary, target), trackedConfigs });
      if (jsonEqual(next, primary)) return;
      try {
        await this.options.client.replace(next);
        return;
      } catch (error) {
        if (!isConflict(error) || attempt >= promoteAttempts) throw error;
      }
      // Someone else wrote the primary: start again from what the server has now.
      const fresh = await this.options.client.get<T>(this.primaryRef(canary));
      if (!fresh) throw this.notFound(this.primaryRef(canary));
      primary = fresh;
    }
  }

  targetRef(canary: Canary): ObjectRef {
    return { ...this.kind.type, namespace: canary.metadata.namespace, name: canary.spec.targetRef.name };
  }

  primaryRef(canary: Canary): ObjectRef {
    return { ...this.targetRef(canary), name: primaryNameOf(canary.spec.targetRef.name) };
  }

  target(canary: Canary): T {
    return this.read(this.targetRef(canary));
  }

  primary(canary: Canary): T {
    return this.read(this.primaryRef(canary));
  }

  /** The primary as cached, undefined before it exists. */
  cachedPrimary(canary: Canary): T | undefined {
    return this.options.cache.get<T>(this.primaryRef(canary));
  }

  /** Flagger's wording: `deployment podinfo.test get query error: deployments.apps "podinfo" not found`. */
  notFound(ref: ObjectRef): TargetError {
    return new TargetError(
      'target-not-found',
      `${this.kind.word} ${dotted(ref)} get query error: ${this.kind.resource} "${ref.name}" not found`,
    );
  }

  private podSpec(canary: Canary): PodSpec {
    return this.target(canary).spec.template.spec;
  }

  private revisionOf(canary: Canary, target: T): string {
    const template = this.kind.revisionTemplate(target);
    const configs = configsChecksum(this.options.configs?.tracked(canary, template.spec) ?? {});
    return revisionHash(configs === '' ? template : { template, configs });
  }

  /** Flagger's `CreatePrimaryConfigs`: the `-primary` copies of the tracked configs, before the primary uses them. */
  private async syncConfigs(canary: Canary, target: T): Promise<Record<string, string>> {
    return (await this.options.configs?.syncPrimaries(canary, target.spec.template.spec)) ?? {};
  }

  private shape(canary: Canary, target: T): PrimaryShape {
    const { label, value } = this.selector(target);
    return {
      label,
      value,
      selectorLabels: this.options.selectorLabels,
      includeLabelPrefix: this.options.includeLabelPrefix,
      flaggerId: flaggerId(this.revisionOf(canary, target)),
    };
  }

  private selector(target: T): { label: string; value: string } {
    const found = findSelectorLabel(target.spec.selector?.matchLabels, this.options.selectorLabels);
    if (found) return found;
    throw new TargetError(
      'no-selector-label',
      `${this.kind.word} ${dotted(target.metadata)} spec.selector.matchLabels must contain one of ${goList(this.options.selectorLabels)}`,
    );
  }

  private read(ref: ObjectRef): T {
    const found = this.options.cache.get<T>(ref);
    if (!found) throw this.notFound(ref);
    return found;
  }
}
