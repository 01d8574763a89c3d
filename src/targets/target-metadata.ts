import type { CanaryService } from '../apis/index.js';
import type { Container } from '../kube/api/core-v1.js';

/** Service-mesh proxies whose ports are never discovered. */
const sidecars = new Set(['istio-proxy', 'envoy']);

/** Go's `%v` of a string slice: `[app name app.kubernetes.io/name]`. */
export function goList(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

/** The first of `selectorLabels` present in `matchLabels`, with its value; undefined when none is. */
export function findSelectorLabel(
  matchLabels: Record<string, string> | undefined,
  selectorLabels: readonly string[],
): { label: string; value: string } | undefined {
  for (const label of selectorLabels) {
    const value = matchLabels?.[label];
    if (value !== undefined) return { label, value };
  }
  return undefined;
}

function isServicePort(service: CanaryService, port: { name?: string; containerPort: number }): boolean {
  const target = service.targetPort;
  if (target === undefined || target === 0) return port.containerPort === service.port;
  return typeof target === 'number' ? port.containerPort === target : port.name === target;
}

/**
 * Container ports to expose besides the service port (`service.portDiscovery`): every port of every
 * container but the mesh sidecars, except the one the service already forwards to (`targetPort`, else
 * `port`); unnamed ports are named `tcp-<container>-<index>`.
 */
export function discoverPorts(
  service: CanaryService,
  containers: readonly Container[],
): Record<string, number> {
  const ports: Record<string, number> = {};
  for (const container of containers) {
    if (sidecars.has(container.name)) continue;
    (container.ports ?? []).forEach((port, index) => {
      if (isServicePort(service, port)) return;
      ports[port.name || `tcp-${container.name}-${index}`] = port.containerPort;
    });
  }
  return ports;
}
