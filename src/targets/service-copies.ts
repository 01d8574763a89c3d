import type { Canary } from '../apis/index.js';
import type { KubeObject, TypeRef } from '../kube/kube-object.js';
import { canaryOwnerReference, nonEmpty } from './primary-deployment.js';
import { includeByPrefix, withoutToolkitKeys } from './primary-metadata.js';

/** One port of a Service. */
export interface ServicePortSpec {
  name?: string;
  port: number;
  nodePort?: number;
  [field: string]: unknown;
}

/** A core/v1 Service as a target: its spec is copied, with what the cluster allocates handled apart. */
export interface TargetService extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePortSpec[];
    healthCheckNodePort?: number;
    [field: string]: unknown;
  };
  status?: unknown;
}

export const CoreServiceType = { apiVersion: 'v1', kind: 'Service' } as const satisfies TypeRef;

/** The annotation kubectl keeps its last applied configuration in; never copied (Flagger drops it too). */
const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

type ServiceSpec = NonNullable<TargetService['spec']>;

/**
 * The target's spec as a copy carries it: the addresses and node ports the cluster allocates are those of
 * the copy (`current`), or left to the cluster for a new copy; a headless target stays headless.
 */
function copiedSpec(target: TargetService, current: TargetService | undefined): ServiceSpec {
  const spec = structuredClone(target.spec ?? {});
  const headless = spec.clusterIP === 'None';
  delete spec.healthCheckNodePort;
  if (!headless) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    if (current?.spec?.clusterIP) spec.clusterIP = current.spec.clusterIP;
    if (current?.spec?.clusterIPs) spec.clusterIPs = [...current.spec.clusterIPs];
  }
  if (current?.spec?.healthCheckNodePort) spec.healthCheckNodePort = current.spec.healthCheckNodePort;
  spec.ports = spec.ports?.map(({ nodePort: _allocated, ...port }) => {
    const kept = current?.spec?.ports?.find((p) => p.name === port.name && (p.nodePort ?? 0) > 0)?.nodePort;
    return kept ? { ...port, nodePort: kept } : port;
  });
  if (spec.ports === undefined) delete spec.ports;
  return spec;
}

/** Labels and annotations of a copy: the target's, without kubectl's record and Flux's ownership keys. */
export interface CopyMetadata {
  labels: Record<string, string> | undefined;
  annotations: Record<string, string> | undefined;
}

/** What the canary copy (`<t>-canary`) carries: all the target's labels and annotations (Flagger's `buildService`). */
export function canaryCopyMetadata(target: TargetService): CopyMetadata {
  const { [lastAppliedAnnotation]: _applied, ...annotations } = withoutToolkitKeys(
    target.metadata.annotations,
  );
  return { labels: nonEmpty(withoutToolkitKeys(target.metadata.labels)), annotations: nonEmpty(annotations) };
}

/** What the promoted primary (`<t>-primary`) carries: labels and annotations filtered by `-include-label-prefix`. */
export function primaryCopyMetadata(
  target: TargetService,
  includeLabelPrefix: readonly string[],
): CopyMetadata {
  return {
    labels: nonEmpty(includeByPrefix(target.metadata.labels, includeLabelPrefix)),
    annotations: nonEmpty(includeByPrefix(target.metadata.annotations, includeLabelPrefix)),
  };
}

/**
 * A copy of the target Service named `name` and owned by the Canary: new (`current` undefined), or
 * `current` brought in line with the target (keeping its resourceVersion and allocations).
 */
export function serviceCopy(
  canary: Canary,
  target: TargetService,
  name: string,
  current: TargetService | undefined,
  metadata: CopyMetadata,
): TargetService {
  const base = current
    ? structuredClone(current)
    : {
        ...CoreServiceType,
        metadata: {
          name,
          ...(target.metadata.namespace ? { namespace: target.metadata.namespace } : {}),
        },
      };
  const copy: TargetService = { ...base, metadata: { ...base.metadata }, spec: copiedSpec(target, current) };
  if (metadata.labels) copy.metadata.labels = metadata.labels;
  else delete copy.metadata.labels;
  if (metadata.annotations) copy.metadata.annotations = metadata.annotations;
  else delete copy.metadata.annotations;
  copy.metadata.ownerReferences = [canaryOwnerReference(canary)];
  return copy;
}
