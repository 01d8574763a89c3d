import type {
  EndpointAddress,
  EndpointPort,
  EndpointSubset,
  Pod,
  Service,
  ServicePort,
} from '../../../kube/api/core-v1.js';
import { isPodReady } from '../pod-conditions.js';
import { canonicalJson } from '../template-hash.js';

/**
 * `podutil.FindPort`: a numeric targetPort as is (the service port when unset), a named one through the
 * pod's container ports; undefined when the pod has no such port.
 */
export function resolveTargetPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec.containers) {
    for (const p of container.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** Whether the endpoints controller lists the pod at all: it has an IP, is not finished and not being deleted. */
function listed(pod: Pod): boolean {
  if (!pod.status?.podIP || pod.metadata.deletionTimestamp) return false;
  const phase = pod.status.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

function addressOf(pod: Pod): EndpointAddress {
  return {
    ip: pod.status!.podIP!,
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: {
      kind: 'Pod',
      ...(pod.metadata.namespace ? { namespace: pod.metadata.namespace } : {}),
      name: pod.metadata.name,
      ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}),
    },
  };
}

function byIp(a: EndpointAddress, b: EndpointAddress): number {
  return a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
}

/**
 * The subsets of a Service's Endpoints, as the endpoints controller builds and repacks them: each selected
 * pod under `addresses` when ready (or when the Service publishes unready addresses), else under
 * `notReadyAddresses`, grouped by the ports it resolves; a pod resolving none of the ports is left out.
 */
export function endpointSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const servicePorts = service.spec?.ports ?? [];
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >();
  for (const pod of pods) {
    if (!listed(pod)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of servicePorts) {
      const port = resolveTargetPort(pod, sp);
      if (port === undefined) continue;
      ports.push({
        ...(sp.name ? { name: sp.name } : {}),
        port,
        protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      });
    }
    if (servicePorts.length > 0 && ports.length === 0) continue;
    const key = canonicalJson(ports);
    let group = groups.get(key);
    if (!group) {
      group = { ports, ready: [], notReady: [] };
      groups.set(key, group);
    }
    const ready = isPodReady(pod) || service.spec?.publishNotReadyAddresses === true;
    (ready ? group.ready : group.notReady).push(addressOf(pod));
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => ({
      ...(group.ready.length ? { addresses: group.ready.sort(byIp) } : {}),
      ...(group.notReady.length ? { notReadyAddresses: group.notReady.sort(byIp) } : {}),
      ...(group.ports.length ? { ports: group.ports } : {}),
    }));
}
