import type { ClusterReader } from '../../kube/cluster-reader.js';
import {
  type EndpointsObject,
  EndpointsType,
  type PodObject,
  PodType,
  type ServiceObject,
  type ServicePortSpec,
  ServiceType,
} from './cluster-types.js';
import { type ServiceName, serviceFqdn, serviceKey } from './host-names.js';
import { unknown, type Workload, workloadOf } from './workloads.js';

/** A Service as the mesh routes to it. */
export interface ServiceEntry extends ServiceName {
  /** `name.namespace.svc.cluster.local`, Istio's `destination_service`. */
  fqdn: string;
  key: string;
  ports: readonly ServicePortSpec[];
  /** `spec.externalName` of an ExternalName Service: requests go there directly. */
  externalName?: string;
}

/** Who a request reached, as Istio's destination labels describe it. */
export interface DestinationIdentity {
  /** Unique per label set (telemetry caches its series by it). */
  key: string;
  workload: Workload;
  service: ServiceEntry;
}

/** One ready pod address of a Service port. */
export interface Upstream {
  ip: string;
  port: number;
  destination: DestinationIdentity;
}

/** A Service port and the ready addresses behind it. */
export interface Backend {
  /** `namespace/name:port`, the key of its round-robin position. */
  key: string;
  service: ServiceEntry;
  servicePort: number;
  upstreams: readonly Upstream[];
  /** Labels of a request that reached no pod (`destination_workload="unknown"`). */
  unrouted: DestinationIdentity;
}

/** The calling workload, when the mesh can tell. */
export interface Caller {
  namespace: string;
  workload?: Workload;
  labels: Readonly<Record<string, string>>;
}

/**
 * A snapshot of Services, Endpoints and Pods read from the informer cache, indexed for per-request
 * lookups; backends are built on first use. Rebuilt (by the owner) whenever one of those kinds changes.
 */
export class ServiceDirectory {
  private readonly services = new Map<string, ServiceEntry>();
  private readonly byClusterIp = new Map<string, ServiceEntry>();
  private readonly byName = new Map<string, ServiceEntry[]>();
  private readonly podsByIp = new Map<string, PodObject>();
  private readonly backends = new Map<string, Backend | undefined>();
  private readonly workloads = new Map<string, Workload>();
  private readonly callers = new Map<string, Caller | null>();

  constructor(private readonly reader: ClusterReader) {
    for (const object of reader.list<ServiceObject>(ServiceType)) {
      const namespace = object.metadata.namespace ?? 'default';
      const entry: ServiceEntry = {
        namespace,
        name: object.metadata.name,
        fqdn: serviceFqdn({ namespace, name: object.metadata.name }),
        key: serviceKey({ namespace, name: object.metadata.name }),
        ports: object.spec?.ports ?? [],
        ...(object.spec?.type === 'ExternalName' && object.spec.externalName
          ? { externalName: object.spec.externalName.toLowerCase() }
          : {}),
      };
      this.services.set(entry.key, entry);
      for (const ip of object.spec?.clusterIPs ?? [object.spec?.clusterIP]) {
        if (ip && ip !== 'None') this.byClusterIp.set(ip, entry);
      }
      const named = this.byName.get(entry.name);
      if (named) named.push(entry);
      else this.byName.set(entry.name, [entry]);
    }
    for (const pod of reader.list<PodObject>(PodType)) {
      if (pod.metadata.deletionTimestamp) continue;
      for (const ip of pod.status?.podIPs?.map((p) => p.ip) ?? [pod.status?.podIP]) {
        if (ip) this.podsByIp.set(ip, pod);
      }
    }
  }

  /** The Service `namespace/name`. */
  service(name: ServiceName): ServiceEntry | undefined {
    return this.services.get(serviceKey(name));
  }

  /** The Service with this cluster IP. */
  serviceByClusterIp(ip: string): ServiceEntry | undefined {
    return this.byClusterIp.get(ip);
  }

  /** The only Service of this name in any namespace, if exactly one exists. */
  uniqueService(name: string): ServiceEntry | undefined {
    const named = this.byName.get(name);
    return named?.length === 1 ? named[0] : undefined;
  }

  /** The pod with this IP, as the caller of a request. */
  caller(ip: string): Caller | undefined {
    let caller = this.callers.get(ip);
    if (caller === undefined) {
      const pod = this.podsByIp.get(ip);
      caller = pod ? this.callerOf(pod) : null;
      this.callers.set(ip, caller);
    }
    return caller ?? undefined;
  }

  /** The pod `namespace/name` as the caller of a request. */
  podCaller(namespace: string, name: string): Caller | undefined {
    const pod = this.reader.get<PodObject>({ ...PodType, namespace, name });
    return pod ? this.callerOf(pod) : undefined;
  }

  private callerOf(pod: PodObject): Caller {
    return {
      namespace: pod.metadata.namespace ?? 'default',
      workload: this.workload(pod),
      labels: pod.metadata.labels ?? {},
    };
  }

  /**
   * The backend of a Service port: the ready addresses of its Endpoints for that port (matched by port
   * name, as the endpoints controller writes them); undefined when the Service has no such port.
   */
  backend(service: ServiceEntry, port: number): Backend | undefined {
    const key = `${service.key}:${port}`;
    if (this.backends.has(key)) return this.backends.get(key);
    const spec = service.ports.find((p) => p.port === port);
    const backend = spec ? this.buildBackend(key, service, spec) : undefined;
    this.backends.set(key, backend);
    return backend;
  }

  private buildBackend(key: string, service: ServiceEntry, spec: ServicePortSpec): Backend {
    const endpoints = this.reader.get<EndpointsObject>({ ...EndpointsType, ...service });
    const upstreams: Upstream[] = [];
    const portName = spec.name ?? '';
    for (const subset of endpoints?.subsets ?? []) {
      const ports = subset.ports ?? [];
      const match =
        ports.find((p) => (p.name ?? '') === portName) ??
        (ports.length === 1 && service.ports.length === 1 ? ports[0] : undefined);
      const targetPort = match?.port ?? (typeof spec.targetPort === 'number' ? spec.targetPort : undefined);
      if (targetPort === undefined) continue;
      for (const address of subset.addresses ?? []) {
        const pod = this.podOf(address.targetRef, service.namespace) ?? this.podsByIp.get(address.ip);
        upstreams.push({
          ip: address.ip,
          port: targetPort,
          destination: identity(service, pod ? this.workload(pod) : unknownWorkload(service)),
        });
      }
    }
    return {
      key,
      service,
      servicePort: spec.port,
      upstreams,
      unrouted: unroutedIdentity(service),
    };
  }

  private podOf(
    ref: { kind?: string; name?: string; namespace?: string } | undefined,
    namespace: string,
  ): PodObject | undefined {
    if (!ref?.name || (ref.kind && ref.kind !== 'Pod')) return undefined;
    return this.reader.get<PodObject>({ ...PodType, namespace: ref.namespace ?? namespace, name: ref.name });
  }

  private workload(pod: PodObject): Workload {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    let workload = this.workloads.get(key);
    if (!workload) {
      workload = workloadOf(pod, this.reader);
      this.workloads.set(key, workload);
    }
    return workload;
  }
}

/** The identity of a request for `service` that reached no pod. */
export function unroutedIdentity(service: ServiceEntry): DestinationIdentity {
  return identity(service, unknownWorkload(service));
}

/** A Service entry for a name the directory does not know (for telemetry of requests to it). */
export function missingService(name: ServiceName): ServiceEntry {
  return { ...name, fqdn: serviceFqdn(name), key: serviceKey(name), ports: [] };
}

function unknownWorkload(service: ServiceEntry): Workload {
  return {
    name: unknown,
    namespace: service.namespace,
    app: unknown,
    version: unknown,
    canonicalService: unknown,
  };
}

function identity(service: ServiceEntry, workload: Workload): DestinationIdentity {
  const { namespace, name, app, version, canonicalService } = workload;
  return {
    key: `${namespace}/${name}/${app}/${version}/${canonicalService}|${service.key}`,
    workload,
    service,
  };
}
