import { pickWeighted, type Random } from './balancing.js';
import type { HeaderOps } from './header-edits.js';
import type { RequestFacts, UriRewriteMode } from './http-match.js';
import type { HostResolution } from './mesh-view.js';
import { istioDefaultRetry, type RetryPolicy } from './retry-policy.js';
import type { DestinationRef, HostRules, HttpRule } from './route-rules.js';
import {
  type Backend,
  type DestinationIdentity,
  missingService,
  type ServiceDirectory,
  type ServiceEntry,
  unroutedIdentity,
} from './service-directory.js';

/** Why a request cannot be sent to a pod. */
export const PlanFailures = ['no-route', 'no-healthy-upstream', 'no-port'] as const;
export type PlanFailure = (typeof PlanFailures)[number];

/** Where one request (or its mirror copy) goes. */
export interface Target {
  /** The Service port whose pods take it; undefined when there is none (see `failure`). */
  backend: Backend | undefined;
  /** Telemetry labels when no pod is reached. */
  unrouted: DestinationIdentity;
  failure?: PlanFailure;
  /** Explanation for the failure reply. */
  detail?: string;
}

/** What to do with a request for a cluster host. */
export interface RoutePlan extends Target {
  /** The path and query to send upstream (after `rewrite.uri`). */
  path: string;
  /** The Host to send upstream (after `rewrite.authority`). */
  authority: string;
  requestOps: readonly HeaderOps[];
  responseOps: readonly HeaderOps[];
  retry: RetryPolicy;
  timeoutMs?: number;
  /** A copy of the request to send and forget (`mirror`, sampled by `mirrorPercentage`). */
  mirror?: Target;
}

/** Envoy's prefix rewrite (literal replacement of the matched prefix) or full path replacement. */
export function rewritePath(path: string, mode: UriRewriteMode, replacement: string): string {
  if (mode.kind === 'whole') return replacement;
  return path.startsWith(mode.prefix) ? replacement + path.slice(mode.prefix.length) : path;
}

function firstMatching(rules: HostRules, facts: RequestFacts): [HttpRule, UriRewriteMode] | undefined {
  for (const rule of rules.http) {
    if (rule.matches.length === 0) return [rule, { kind: 'prefix', prefix: '/' }];
    for (const match of rule.matches) if (match.test(facts)) return [rule, match.rewrite];
  }
  return undefined;
}

function portFor(
  service: ServiceEntry,
  requested: number | undefined,
  requestPort: number,
): number | undefined {
  if (requested !== undefined) return requested;
  if (service.ports.some((p) => p.port === requestPort)) return requestPort;
  return service.ports.length === 1 ? service.ports[0]!.port : undefined;
}

function serviceTarget(service: ServiceEntry, port: number | undefined, directory: ServiceDirectory): Target {
  const backend = port === undefined ? undefined : directory.backend(service, port);
  if (!backend) {
    const ports = service.ports.map((p) => p.port).join(', ') || 'none';
    return {
      backend: undefined,
      unrouted: unroutedIdentity(service),
      failure: 'no-port',
      detail: `service ${service.name}.${service.namespace} has no port ${port ?? ''} (ports: ${ports})`,
    };
  }
  if (backend.upstreams.length === 0) {
    return { backend, unrouted: backend.unrouted, failure: 'no-healthy-upstream' };
  }
  return { backend, unrouted: backend.unrouted };
}

function destinationTarget(
  ref: DestinationRef,
  rules: HostRules,
  requestPort: number,
  directory: ServiceDirectory,
): Target {
  const service = ref.service ? directory.service(ref.service) : undefined;
  if (!service) {
    const name = ref.service ?? { namespace: rules.namespace, name: ref.host };
    return {
      backend: undefined,
      unrouted: unroutedIdentity(missingService(name)),
      failure: 'no-healthy-upstream',
    };
  }
  return serviceTarget(service, portFor(service, ref.port, requestPort), directory);
}

/**
 * Plans a request for a cluster host: the first HTTP route whose match holds (in order), a destination
 * picked by weight, the Service port behind it, rewrites, header edits, timeout, retries and mirror. A host
 * without routing objects goes to its Service on the requested port.
 */
export function planRoute(options: {
  resolution: Extract<HostResolution, { kind: 'cluster' }>;
  facts: RequestFacts;
  /** Path and query as received. */
  rawPath: string;
  directory: ServiceDirectory;
  random: Random;
}): RoutePlan {
  const { resolution, facts, rawPath, directory, random } = options;
  const { rules, service } = resolution;
  const base = { path: rawPath, authority: facts.authority, requestOps: [], responseOps: [] };
  if (!rules) {
    // A Service without routing objects (resolution always has one or the other).
    const target = serviceTarget(service!, facts.port, directory);
    return { ...base, ...target, retry: istioDefaultRetry };
  }
  const chosen = firstMatching(rules, facts);
  const destination = chosen && pickWeighted(chosen[0].destinations, chosen[0].totalWeight, random);
  if (!chosen || !destination) {
    const name = service ?? missingService({ namespace: rules.namespace, name: rules.name });
    return {
      ...base,
      backend: undefined,
      unrouted: unroutedIdentity(name),
      failure: 'no-route',
      retry: istioDefaultRetry,
    };
  }
  const [rule, mode] = chosen;
  const target = destinationTarget(destination.ref, rules, facts.port, directory);
  const path =
    rule.rewriteUri === undefined
      ? rawPath
      : rewritePath(facts.path, mode, rule.rewriteUri) + (facts.query === '' ? '' : `?${facts.query}`);
  const plan: RoutePlan = {
    ...target,
    path,
    authority: rule.rewriteAuthority ?? facts.authority,
    requestOps: [rule.headers?.request, destination.headers?.request].filter((o) => o !== undefined),
    responseOps: [rule.headers?.response, destination.headers?.response].filter((o) => o !== undefined),
    retry: rule.retry,
    ...(rule.timeoutMs ? { timeoutMs: rule.timeoutMs } : {}),
  };
  if (rule.mirror && random() * 100 < rule.mirror.percent) {
    plan.mirror = destinationTarget(rule.mirror.ref, rules, facts.port, directory);
  }
  return plan;
}
