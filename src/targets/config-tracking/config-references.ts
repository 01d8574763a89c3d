import type { PodSpec } from '../../kube/api/core-v1.js';
import type { ConfigRef } from '../workload-target.js';

/** The kinds of config Flagger tracks, spelled as in `status.trackedConfigs` keys. */
export const ConfigRefTypes = ['configmap', 'secret'] as const;
export type ConfigRefType = (typeof ConfigRefTypes)[number];

/** A ConfigMap or Secret a pod spec references. */
export interface ConfigReference {
  type: ConfigRefType;
  name: string;
  /** False when every reference to it says `optional: true` (a missing one is then skipped, not an error). */
  mandatory: boolean;
}

/** The suffix of the copies the primary uses: `<name>-primary`. */
export const primaryConfigSuffix = '-primary';

/** `configmap/<name>` or `secret/<name>`: a key of `status.trackedConfigs`. */
export function configKey(ref: { type: ConfigRefType; name: string }): string {
  return `${ref.type}/${ref.name}`;
}

type Holder = Record<string, unknown>;

function isHolder(value: unknown): value is Holder {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function holders(value: unknown): Holder[] {
  return Array.isArray(value) ? value.filter(isHolder) : [];
}

/** Called for every place of a pod spec naming a config: the object holding the name and the name's field. */
type Visitor = (type: ConfigRefType, holder: Holder, field: 'name' | 'secretName') => void;

function visitContainer(container: Holder, visit: Visitor): void {
  for (const env of holders(container.env)) {
    const from = env.valueFrom;
    if (!isHolder(from)) continue;
    if (isHolder(from.configMapKeyRef)) visit('configmap', from.configMapKeyRef, 'name');
    else if (isHolder(from.secretKeyRef)) visit('secret', from.secretKeyRef, 'name');
  }
  for (const envFrom of holders(container.envFrom)) {
    if (isHolder(envFrom.configMapRef)) visit('configmap', envFrom.configMapRef, 'name');
    else if (isHolder(envFrom.secretRef)) visit('secret', envFrom.secretRef, 'name');
  }
}

/**
 * Every place Flagger's ConfigTracker looks (§2.2): volumes (`configMap`, `secret`, projected sources)
 * and the `env[].valueFrom` / `envFrom[]` of containers and init containers.
 */
function visitConfigs(spec: PodSpec, visit: Visitor): void {
  for (const volume of holders(spec.volumes)) {
    if (isHolder(volume.configMap)) visit('configmap', volume.configMap, 'name');
    if (isHolder(volume.secret)) visit('secret', volume.secret, 'secretName');
    const projected = volume.projected;
    if (!isHolder(projected)) continue;
    for (const source of holders(projected.sources)) {
      if (isHolder(source.configMap)) visit('configmap', source.configMap, 'name');
      if (isHolder(source.secret)) visit('secret', source.secret, 'name');
    }
  }
  for (const container of [...holders(spec.containers), ...holders(spec.initContainers)])
    visitContainer(container, visit);
}

/**
 * The ConfigMaps and Secrets a pod spec references, once each, sorted by key. A config is mandatory
 * when any reference to it is (Kubernetes would not start the pod without it).
 */
export function configReferences(spec: PodSpec): ConfigReference[] {
  const found = new Map<string, ConfigReference>();
  visitConfigs(spec, (type, holder, field) => {
    const name = holder[field];
    if (typeof name !== 'string' || name === '') return;
    const mandatory = holder.optional !== true;
    const key = configKey({ type, name });
    const known = found.get(key);
    found.set(key, { type, name, mandatory: mandatory || (known?.mandatory ?? false) });
  });
  return [...found.keys()].sort().map((key) => found.get(key)!);
}

/**
 * Flagger's `ApplyPrimaryConfigs`: a copy of `spec` whose references to tracked configs (keys of
 * `tracked`) name their `-primary` copies instead; other references are left as they are.
 */
export function withPrimaryConfigs(spec: PodSpec, tracked: Readonly<Record<string, string>>): PodSpec {
  const copy = structuredClone(spec);
  visitConfigs(copy, (type, holder, field) => {
    const name = holder[field];
    if (typeof name === 'string' && Object.hasOwn(tracked, configKey({ type, name })))
      holder[field] = `${name}${primaryConfigSuffix}`;
  });
  return copy;
}

/** References as the kinds the API serves them (`ConfigMap`, `Secret`), for watching. */
export function toConfigRefs(refs: readonly ConfigReference[]): ConfigRef[] {
  return refs.map((ref) => ({ kind: ref.type === 'configmap' ? 'ConfigMap' : 'Secret', name: ref.name }));
}
