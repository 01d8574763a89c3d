import type { Canary, CustomMetadata, UnmanagedMetadata } from '../../apis/index.js';
import type { KubeObject } from '../../kube/kube-object.js';
import type { TargetMetadata } from '../../targets/workload-target.js';
import { filterMetadata } from '../router-metadata.js';

/** The core Service kind. */
export const ServiceType = { apiVersion: 'v1', kind: 'Service' } as const;

/** A port of a Service. */
export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  appProtocol?: string;
  nodePort?: number;
}

/** `spec` of a Service (the fields Weir writes; others are kept as read). */
export interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  trafficDistribution?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
}

/** A core Service. */
export interface Service extends KubeObject {
  spec: ServiceSpec;
}

/**
 * The ports of a generated Service (§3.1): the service port (`portName` or `http`, TCP, `targetPort` or the
 * port, `appProtocol` when set), then every discovered container port by number, skipping clashes.
 */
export function servicePorts(canary: Canary, metadata: TargetMetadata): ServicePort[] {
  const service = canary.spec.service ?? { port: 80 };
  const main: ServicePort = {
    name: service.portName || 'http',
    protocol: 'TCP',
    port: service.port,
    targetPort:
      service.targetPort === undefined || service.targetPort === 0 || service.targetPort === ''
        ? service.port
        : service.targetPort,
  };
  if (service.appProtocol) main.appProtocol = service.appProtocol;
  const discovered = Object.entries(metadata.ports)
    .filter(([name, port]) => name !== main.name && port !== main.port)
    .sort(([, a], [, b]) => a - b)
    .map(([name, port]): ServicePort => ({ name, protocol: 'TCP', port, targetPort: port }));
  return [main, ...discovered];
}

/** The labels Weir wants on a generated Service: the custom ones plus `<label>: <service name>`. */
export function serviceLabels(name: string, custom: CustomMetadata | undefined, metadata: TargetMetadata) {
  return { ...custom?.labels, [metadata.label]: name };
}

/** The annotations Weir wants on a generated Service: the custom ones plus the toolkit annotations. */
export function serviceAnnotations(custom: CustomMetadata | undefined): Record<string, string> {
  return filterMetadata(custom?.annotations);
}

/**
 * `wanted` with the unmanaged keys as `current` has them: kept when present, absent when absent, so Weir
 * never adds, changes or removes them. `protectedKey` (the selector label) stays managed.
 */
export function withUnmanaged(
  wanted: Record<string, string>,
  current: Record<string, string> | undefined,
  unmanaged: string[] | undefined,
  protectedKey?: string,
): Record<string, string> {
  const result = { ...wanted };
  for (const key of unmanaged ?? []) {
    if (key === protectedKey) continue;
    const value = current?.[key];
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result;
}

/** The unmanaged keys of the canary's services. */
export function unmanagedOf(canary: Canary): UnmanagedMetadata {
  return canary.spec.service?.unmanagedMetadata ?? {};
}

/** The comparable part of ports: the fields Weir sets, sorted by port number. */
export function comparablePorts(ports: readonly ServicePort[] | undefined): ServicePort[] {
  return [...(ports ?? [])]
    .map(({ name, protocol, port, targetPort, appProtocol, nodePort }) => ({
      name,
      protocol,
      port,
      targetPort,
      appProtocol,
      nodePort,
    }))
    .sort((a, b) => a.port - b.port);
}
