import type { KubeObject } from '../../kube/kube-object.js';
import { parseGoDuration } from '../../platform/go-duration.js';
import { decodeWeight } from '../../routers/smi/traffic-split.js';
import { compileHeaderEdits, type HeaderEdits } from './header-edits.js';
import { type ServiceName, serviceKey, serviceNameOf } from './host-names.js';
import { type CompiledMatch, compileMatch } from './http-match.js';
import { compileRetryPolicy, istioDefaultRetry, type RetryPolicy } from './retry-policy.js';

/** A route's destination: a Service (resolved against the routing object's namespace) and maybe a port. */
export interface DestinationRef {
  /** The host as written in the routing object. */
  host: string;
  /** The Service it names; undefined for a host that is no cluster Service (not routable here). */
  service: ServiceName | undefined;
  port?: number;
}

/** A destination with its share of the route's traffic. */
export interface WeightedDestination {
  ref: DestinationRef;
  weight: number;
  headers?: HeaderEdits;
}

/** One compiled HTTP route of a VirtualService (or the single route of a TrafficSplit). */
export interface HttpRule {
  /** Alternatives; the rule applies when any matches (always when empty). */
  matches: readonly CompiledMatch[];
  destinations: readonly WeightedDestination[];
  totalWeight: number;
  rewriteUri?: string;
  rewriteAuthority?: string;
  timeoutMs?: number;
  retry: RetryPolicy;
  headers?: HeaderEdits;
  mirror?: { ref: DestinationRef; percent: number };
}

/** The routing object that owns a host, compiled. */
export interface HostRules {
  kind: 'VirtualService' | 'TrafficSplit';
  namespace: string;
  name: string;
  http: readonly HttpRule[];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function destinationRef(spec: unknown, namespace: string): DestinationRef {
  const destination = record(spec);
  const host = typeof destination.host === 'string' ? destination.host.toLowerCase() : '';
  const port = record(destination.port).number;
  return {
    host,
    service: host ? serviceNameOf(host, namespace) : undefined,
    ...(typeof port === 'number' ? { port } : {}),
  };
}

function compileHttpRoute(spec: unknown, namespace: string): HttpRule {
  const route = record(spec);
  const destinations: WeightedDestination[] = (Array.isArray(route.route) ? route.route : []).map(
    (item: unknown) => {
      const headers = compileHeaderEdits(record(item).headers);
      const weight = record(item).weight;
      return {
        ref: destinationRef(record(item).destination, namespace),
        weight: typeof weight === 'number' && weight > 0 ? weight : 0,
        ...(headers ? { headers } : {}),
      };
    },
  );
  // A single destination without a weight takes all traffic, as in Istio.
  if (destinations.length === 1 && destinations[0]!.weight === 0) destinations[0]!.weight = 100;
  const rewrite = record(route.rewrite);
  const timeoutMs = typeof route.timeout === 'string' ? parseGoDuration(route.timeout) : undefined;
  const headers = compileHeaderEdits(route.headers);
  const mirrorPercentage = record(route.mirrorPercentage).value;
  return {
    matches: (Array.isArray(route.match) ? route.match : []).map(compileMatch),
    destinations,
    totalWeight: destinations.reduce((sum, d) => sum + d.weight, 0),
    ...(typeof rewrite.uri === 'string' ? { rewriteUri: rewrite.uri } : {}),
    ...(typeof rewrite.authority === 'string' ? { rewriteAuthority: rewrite.authority } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    retry: compileRetryPolicy(route.retries),
    ...(headers ? { headers } : {}),
    ...(route.mirror
      ? {
          mirror: {
            ref: destinationRef(route.mirror, namespace),
            percent: typeof mirrorPercentage === 'number' ? mirrorPercentage : 100,
          },
        }
      : {}),
  };
}

/** Compiles a VirtualService's `spec.http`; throws RouteSpecError when a match cannot be compiled. */
export function compileVirtualService(object: KubeObject): HostRules {
  const namespace = object.metadata.namespace ?? 'default';
  const spec = record((object as { spec?: unknown }).spec);
  return {
    kind: 'VirtualService',
    namespace,
    name: object.metadata.name,
    http: (Array.isArray(spec.http) ? spec.http : []).map((r: unknown) => compileHttpRoute(r, namespace)),
  };
}

/** Compiles a TrafficSplit (any version; v1alpha1 weights are quantity strings) into one route. */
export function compileTrafficSplit(object: KubeObject): HostRules {
  const namespace = object.metadata.namespace ?? 'default';
  const spec = record((object as { spec?: unknown }).spec);
  const destinations = (Array.isArray(spec.backends) ? spec.backends : []).map((item: unknown) => {
    const backend = record(item);
    const host = typeof backend.service === 'string' ? backend.service.toLowerCase() : '';
    return {
      ref: { host, service: host ? serviceNameOf(host, namespace) : undefined },
      weight: Math.max(0, decodeWeight(backend.weight)),
    };
  });
  return {
    kind: 'TrafficSplit',
    namespace,
    name: object.metadata.name,
    http: [
      {
        matches: [],
        destinations,
        totalWeight: destinations.reduce((sum, d) => sum + d.weight, 0),
        retry: istioDefaultRetry,
      },
    ],
  };
}

/** The hosts a VirtualService claims: Service keys for cluster names, the literal host otherwise. */
export function virtualServiceHosts(object: KubeObject): string[] {
  const namespace = object.metadata.namespace ?? 'default';
  const hosts = record((object as { spec?: unknown }).spec).hosts;
  return (Array.isArray(hosts) ? hosts : [])
    .filter((h): h is string => typeof h === 'string' && h !== '' && !h.startsWith('*'))
    .map((h) => {
      const host = h.toLowerCase().replace(/\.$/, '');
      const service = serviceNameOf(host, namespace);
      return service ? serviceKey(service) : host;
    });
}

/** The Service key a TrafficSplit splits (`spec.service`, relative to its namespace). */
export function trafficSplitHost(object: KubeObject): string | undefined {
  const service = record((object as { spec?: unknown }).spec).service;
  if (typeof service !== 'string' || service === '') return undefined;
  const name = serviceNameOf(service.toLowerCase(), object.metadata.namespace ?? 'default');
  return name ? serviceKey(name) : undefined;
}
