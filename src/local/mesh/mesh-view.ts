import type { InformerHandlers } from '../../kube/informer.js';
import type { InformerCache } from '../../kube/informer-cache.js';
import type { KubeObject, TypeRef } from '../../kube/kube-object.js';
import type { Logger } from '../../platform/logger.js';
import { CrdType, EndpointsType, PodType, ReplicaSetType, ServiceType } from './cluster-types.js';
import { type Authority, isIpAddress, serviceKey, serviceNameOf } from './host-names.js';
import type { HostRules } from './route-rules.js';
import { RouteTable } from './route-table.js';
import { type RoutingKind, routingTypeOf } from './routing-kinds.js';
import { type Caller, ServiceDirectory, type ServiceEntry } from './service-directory.js';

/** Where a host leads. */
export type HostResolution =
  /** Not a cluster host: forwarded as a plain proxy would (or to an ExternalName Service's name). */
  | { kind: 'external'; host: string }
  /** A cluster Service and/or a host some routing object claims. */
  | { kind: 'cluster'; service: ServiceEntry | undefined; rules: HostRules | undefined };

const cacheLimit = 10_000;

/**
 * The mesh's view of the cluster, read only from the informer cache: a Service directory and a routing
 * table, each rebuilt lazily on the first request after a change of the kinds it depends on, and a cache
 * of host resolutions valid until then.
 */
export class MeshView {
  private directorySnapshot: ServiceDirectory | undefined;
  private routeSnapshot: RouteTable | undefined;
  private readonly resolutions = new Map<string, HostResolution>();
  private readonly callers = new Map<string, Caller | undefined>();
  private readonly routingTypes = new Map<RoutingKind, TypeRef>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly cache: InformerCache,
    private readonly logger: Logger,
  ) {}

  /** Starts caching Services, Endpoints, Pods, ReplicaSets and the routing CRDs; resolves when synced. */
  async start(): Promise<void> {
    const directoryChanged = this.handlers(() => {
      this.directorySnapshot = undefined;
    });
    for (const type of [ServiceType, EndpointsType, PodType, ReplicaSetType]) {
      this.cache.track(type, directoryChanged);
    }
    this.cache.track(
      CrdType,
      this.handlers((crd) => this.followCrd(crd)),
      { clusterScoped: true },
    );
    await this.cache.synced();
    // A cache shared with others may have listed CRDs before these handlers were added.
    for (const crd of this.cache.list(CrdType)) this.followCrd(crd);
    await this.cache.synced();
  }

  /** The current Service directory. */
  directory(): ServiceDirectory {
    if (!this.directorySnapshot) {
      this.directorySnapshot = new ServiceDirectory(this.cache);
      this.resolutions.clear();
      this.callers.clear();
    }
    return this.directorySnapshot;
  }

  /** The current routing table. */
  routes(): RouteTable {
    if (!this.routeSnapshot) {
      const list = (kind: RoutingKind) => {
        const type = this.routingTypes.get(kind);
        return type ? this.cache.list(type) : [];
      };
      this.routeSnapshot = new RouteTable(list('VirtualService'), list('TrafficSplit'), (object, error) =>
        this.reportOnce(object, error),
      );
      this.resolutions.clear();
    }
    return this.routeSnapshot;
  }

  /**
   * Resolves a host as cluster DNS would for a caller in `namespace` (bare names there), then by routing
   * objects' literal hosts; a bare name that exists in exactly one other namespace resolves there too.
   */
  resolve(authority: Authority, namespace: string): HostResolution {
    const directory = this.directory();
    const routes = this.routes();
    const key = `${namespace}\u0000${authority.host}`;
    let resolution = this.resolutions.get(key);
    if (!resolution) {
      resolution = this.resolveUncached(authority.host, namespace, directory, routes);
      if (this.resolutions.size >= cacheLimit) this.resolutions.clear();
      this.resolutions.set(key, resolution);
    }
    return resolution;
  }

  /**
   * The calling pod: by source address (pods have their own loopback IPs), else by the proxy credentials
   * a client put in its proxy URL (`http://<pod>.<namespace>@host:port` or `http://<namespace>@…`).
   */
  caller(remoteAddress: string | undefined, proxyAuthorization: string | undefined): Caller | undefined {
    const directory = this.directory();
    const ip = remoteAddress?.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
    const byIp = ip ? directory.caller(ip) : undefined;
    if (byIp || !proxyAuthorization) return byIp;
    if (this.callers.has(proxyAuthorization)) return this.callers.get(proxyAuthorization);
    const caller = this.callerFromCredentials(proxyAuthorization, directory);
    if (this.callers.size >= cacheLimit) this.callers.clear();
    this.callers.set(proxyAuthorization, caller);
    return caller;
  }

  private callerFromCredentials(header: string, directory: ServiceDirectory): Caller | undefined {
    const match = /^basic\s+(\S+)$/i.exec(header.trim());
    if (!match) return undefined;
    const user = Buffer.from(match[1]!, 'base64').toString('utf8').split(':')[0] ?? '';
    const dot = user.lastIndexOf('.');
    if (dot < 0) return user ? { namespace: user, labels: {} } : undefined;
    const namespace = user.slice(dot + 1);
    return directory.podCaller(namespace, user.slice(0, dot)) ?? { namespace, labels: {} };
  }

  private resolveUncached(
    host: string,
    namespace: string,
    directory: ServiceDirectory,
    routes: RouteTable,
  ): HostResolution {
    if (isIpAddress(host)) {
      const service = directory.serviceByClusterIp(host);
      return service ? this.clusterOrExternal(service, routes.get(service.key)) : { kind: 'external', host };
    }
    const name = serviceNameOf(host, namespace);
    if (name) {
      const key = serviceKey(name);
      const service = directory.service(name);
      const rules = routes.get(key);
      if (service || rules) return this.clusterOrExternal(service, rules);
      if (!host.includes('.')) {
        const unique = directory.uniqueService(host);
        if (unique) return this.clusterOrExternal(unique, routes.get(unique.key));
      }
    }
    const literal = routes.get(host);
    return literal ? { kind: 'cluster', service: undefined, rules: literal } : { kind: 'external', host };
  }

  private clusterOrExternal(service: ServiceEntry | undefined, rules: HostRules | undefined): HostResolution {
    if (service?.externalName && !rules) return { kind: 'external', host: service.externalName };
    return { kind: 'cluster', service, rules };
  }

  private followCrd(crd: KubeObject): void {
    const routing = routingTypeOf(crd);
    if (!routing || this.routingTypes.has(routing.kind)) return;
    this.routingTypes.set(routing.kind, routing.type);
    this.routeSnapshot = undefined;
    this.cache.track(
      routing.type,
      this.handlers(() => {
        this.routeSnapshot = undefined;
      }),
    );
    this.logger.info('following routing objects', {
      kind: routing.kind,
      apiVersion: routing.type.apiVersion,
    });
  }

  private handlers(changed: (object: KubeObject) => void): InformerHandlers<KubeObject> {
    return { onAdd: changed, onUpdate: (_previous, object) => changed(object), onDelete: changed };
  }

  private reportOnce(object: KubeObject, error: unknown): void {
    const key = `${object.kind}/${object.metadata.namespace}/${object.metadata.name}/${object.metadata.resourceVersion}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.logger.warn(`${object.kind} ${object.metadata.name}.${object.metadata.namespace} ignored`, {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
