import type { Canary } from '../../apis/index.js';
import type { PodSpec } from '../../kube/api/core-v1.js';
import type { ClusterReader } from '../../kube/cluster-reader.js';
import type { KubeClient } from '../../kube/kube-client.js';
import { isAlreadyExists, isConflict } from '../../kube/kube-errors.js';
import { dotted, type ObjectRef } from '../../kube/kube-object.js';
import type { Logger } from '../../platform/logger.js';
import { canonicalJson, jsonEqual } from '../revision-hash.js';
import { TargetError } from '../workload-target.js';
import { configChecksum } from './config-checksum.js';
import {
  type ConfigMap,
  ConfigMapType,
  type ConfigObject,
  isTrackedSecretType,
  primaryConfigCopy,
  type Secret,
  SecretType,
  trackingDisabled,
} from './config-objects.js';
import {
  type ConfigReference,
  configKey,
  configReferences,
  primaryConfigSuffix,
} from './config-references.js';

/**
 * Config tracking as a target uses it (Flagger's `Tracker`): which configs a pod spec references, their
 * checksums (folded into the revision, so a config change is a new revision), and the primary's copies.
 */
export interface ConfigTracking {
  /** The ConfigMaps and Secrets `podSpec` references, by kind and name, without reading them. */
  references(podSpec: PodSpec): ConfigReference[];
  /** `configmap/<name>` / `secret/<name>` → checksum of each tracked config; a missing mandatory one throws {@link TargetError}. */
  tracked(canary: Canary, podSpec: PodSpec): Record<string, string>;
  /** Creates or updates the `<name>-primary` copy of every tracked config; answers what it tracked. */
  syncPrimaries(canary: Canary, podSpec: PodSpec): Promise<Record<string, string>>;
}

/** The part of the revision that stands for the tracked configs: '' when there are none. */
export function configsChecksum(tracked: Readonly<Record<string, string>>): string {
  return Object.keys(tracked).length === 0 ? '' : canonicalJson(tracked);
}

/** What a {@link ConfigTracker} works with. */
export interface ConfigTrackerOptions {
  /** Writes of the `-primary` copies. */
  client: KubeClient;
  /** Reads: must track ConfigMaps and Secrets. */
  cache: ClusterReader;
  /** `-include-label-prefix`: which labels the copies keep. */
  includeLabelPrefix: readonly string[];
  logger?: Logger;
}

/** Attempts of a copy that keeps meeting a concurrent writer. */
const writeAttempts = 5;

/** A referenced config that is tracked, with what it holds now. */
interface TrackedSource {
  ref: ConfigReference;
  source: ConfigObject;
}

/** Flagger's ConfigTracker (`-enable-config-tracking`, §2.2), reading from the cluster cache. */
export class ConfigTracker implements ConfigTracking {
  constructor(private readonly options: ConfigTrackerOptions) {}

  references(podSpec: PodSpec): ConfigReference[] {
    return configReferences(podSpec);
  }

  tracked(canary: Canary, podSpec: PodSpec): Record<string, string> {
    const tracked: Record<string, string> = {};
    for (const { ref, source } of this.sources(canary, podSpec)) tracked[configKey(ref)] = checksumOf(source);
    return tracked;
  }

  async syncPrimaries(canary: Canary, podSpec: PodSpec): Promise<Record<string, string>> {
    const tracked: Record<string, string> = {};
    for (const { ref, source } of this.sources(canary, podSpec)) {
      tracked[configKey(ref)] = checksumOf(source);
      await this.upsertCopy(canary, source);
    }
    return tracked;
  }

  /** The tracked configs: referenced, present (or mandatory: an error), not opted out, of a tracked type. */
  private sources(canary: Canary, podSpec: PodSpec): TrackedSource[] {
    const namespace = canary.metadata.namespace ?? '';
    const out: TrackedSource[] = [];
    for (const ref of configReferences(podSpec)) {
      const type = ref.type === 'configmap' ? ConfigMapType : SecretType;
      const where = { ...type, namespace, name: ref.name };
      const source = this.options.cache.get<ConfigMap | Secret>(where);
      if (!source) {
        const message = `${ref.type} ${dotted(where)} get query error: ${ref.type === 'configmap' ? 'configmaps' : 'secrets'} "${ref.name}" not found`;
        if (ref.mandatory) throw new TargetError('config-not-found', message);
        this.options.logger?.debug(message, { canary: dotted(canary.metadata) });
        continue;
      }
      if (trackingDisabled(source)) continue;
      if (source.kind === 'Secret' && !isTrackedSecretType(source as Secret)) continue;
      out.push({ ref, source });
    }
    return out;
  }

  private async upsertCopy(canary: Canary, source: ConfigObject): Promise<void> {
    const ref: ObjectRef = {
      apiVersion: source.apiVersion,
      kind: source.kind,
      namespace: source.metadata.namespace ?? '',
      name: `${source.metadata.name}${primaryConfigSuffix}`,
    };
    const { client, cache, includeLabelPrefix } = this.options;
    let existing = cache.get<ConfigObject>(ref);
    for (let attempt = 1; ; attempt++) {
      const copy = primaryConfigCopy(canary, source, existing, includeLabelPrefix);
      if (existing && jsonEqual(copy, existing)) return;
      try {
        if (existing) await client.replace(copy);
        else await client.create(copy);
        this.options.logger?.info(`${source.kind} ${ref.name} synced`, { canary: dotted(canary.metadata) });
        return;
      } catch (error) {
        if (!(isConflict(error) || isAlreadyExists(error)) || attempt >= writeAttempts) throw error;
      }
      // Someone else wrote the copy (or the cache had not seen it yet): start again from the server.
      existing = await client.get<ConfigObject>(ref);
    }
  }
}

function checksumOf(source: ConfigObject): string {
  const config = source as ConfigMap;
  return source.kind === 'ConfigMap'
    ? configChecksum(config.data, config.binaryData)
    : configChecksum(config.data);
}
