import type { Canary } from '../../apis/index.js';
import type { KubeObject, OwnerReference, TypeRef } from '../../kube/kube-object.js';
import { canaryOwnerReference } from '../primary-deployment.js';
import { includeByPrefix } from '../primary-metadata.js';
import { primaryConfigSuffix } from './config-references.js';

/** A core/v1 ConfigMap. */
export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

/** A core/v1 Secret (`data` values in base64, as the API serves them). */
export interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

/** A tracked config: a ConfigMap or a Secret. */
export type ConfigObject = ConfigMap | Secret;

export const ConfigMapType = { apiVersion: 'v1', kind: 'ConfigMap' } as const satisfies TypeRef;
export const SecretType = { apiVersion: 'v1', kind: 'Secret' } as const satisfies TypeRef;

/** The annotation that opts a ConfigMap or Secret out of tracking (any value starting with `disable`). */
export const configTrackingAnnotation = 'flagger.app/config-tracking';

/** Secret types Flagger tracks; others (registry credentials, service-account tokens, …) are ignored. */
export const trackedSecretTypes: readonly string[] = [
  'Opaque',
  'kubernetes.io/basic-auth',
  'kubernetes.io/ssh-auth',
  'kubernetes.io/tls',
];

/** Whether the object opted out with `flagger.app/config-tracking: disabled`. */
export function trackingDisabled(object: KubeObject): boolean {
  return object.metadata.annotations?.[configTrackingAnnotation]?.startsWith('disable') ?? false;
}

/** Whether a Secret's type is one Flagger tracks (no type is Opaque). */
export function isTrackedSecretType(secret: Secret): boolean {
  return trackedSecretTypes.includes(secret.type ?? 'Opaque');
}

/**
 * The `<name>-primary` copy of a tracked config (Flagger's `CreatePrimaryConfigs`): its data (and type, for
 * Secrets), labels filtered by `-include-label-prefix`, the Canary as controller owner plus any other
 * owners the existing copy had (as non-controllers, so two Canaries sharing a config both keep it).
 * Starting from the existing copy keeps its resourceVersion and whatever else others wrote on it.
 */
export function primaryConfigCopy(
  canary: Canary,
  source: ConfigObject,
  existing: ConfigObject | undefined,
  includeLabelPrefix: readonly string[],
): ConfigObject {
  const owner = canaryOwnerReference(canary);
  const others: OwnerReference[] = (existing?.metadata.ownerReferences ?? [])
    .filter((ref) => ref.uid !== owner.uid)
    .map((ref) => ({ ...ref, controller: false }));
  const labels = includeByPrefix(source.metadata.labels, includeLabelPrefix);
  const base: ConfigObject = existing
    ? structuredClone(existing)
    : {
        apiVersion: source.apiVersion,
        kind: source.kind,
        metadata: {
          name: `${source.metadata.name}${primaryConfigSuffix}`,
          ...(source.metadata.namespace ? { namespace: source.metadata.namespace } : {}),
        },
      };
  const copy: ConfigMap & Secret = { ...base, metadata: { ...base.metadata } };
  if (Object.keys(labels).length > 0) copy.metadata.labels = labels;
  else delete copy.metadata.labels;
  copy.metadata.ownerReferences = [owner, ...others];
  delete copy.data;
  delete copy.binaryData;
  const from = source as ConfigMap & Secret;
  if (from.data !== undefined) copy.data = structuredClone(from.data);
  if (source.kind === 'Secret') copy.type = from.type ?? 'Opaque';
  else if (from.binaryData !== undefined) copy.binaryData = structuredClone(from.binaryData);
  return copy;
}
