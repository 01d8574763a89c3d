import type { Canary, CanaryService, HTTPMatchRequest } from '../../apis/index.js';
import { namespaceOf, serviceNames } from '../canary-names.js';
import type { RouteStatus, RouteWeights } from '../mesh-router.js';
import { RouterError } from '../router-error.js';
import type { HTTPRoute, RouteDestination, TCPRoute, VirtualServiceSpec } from './istio-types.js';
import { mergeMatchConditions } from './match-conditions.js';
import { activeSessionAffinity, sessionAffinityRoutes } from './session-affinity.js';

export { mergeMatchConditions } from './match-conditions.js';

/** Whether the canary's service speaks TCP (`appProtocol: tcp`, any case): TCP routes, no mirroring. */
export function isTcp(canary: Canary): boolean {
  return canary.spec.service?.appProtocol?.toLowerCase() === 'tcp';
}

/**
 * The VirtualService spec Flagger generates for `canary` with `weights` (§3.2): hosts with the apex
 * appended, gateways (`mesh` by default), one weighted HTTP route (two with an A/B match), or one TCP route.
 * With session affinity and `cookies`, the cookie rules come before the weighted route.
 */
export function virtualServiceSpec(
  canary: Canary,
  weights: RouteWeights,
  cookies?: RouteStatus,
): VirtualServiceSpec {
  const service = serviceOf(canary);
  const names = serviceNames(canary);
  if (service.delegation && ((service.hosts?.length ?? 0) > 0 || (service.gateways?.length ?? 0) > 0)) {
    throw new RouterError(
      'invalid-spec',
      `VirtualService ${names.apex}.${namespaceOf(canary)} cannot have hosts and gateways when delegation enabled`,
    );
  }
  const affinity = canary.spec.analysis?.sessionAffinity;
  if (affinity?.primaryCookieName && affinity.primaryCookieName === affinity.cookieName) {
    throw new RouterError(
      'invalid-spec',
      "can't use the same cookie name for both primary and cookie name; please update them to be different",
    );
  }
  const hosts = [...(service.hosts ?? [])];
  if (!hosts.some((h) => h === names.apex || h === '*')) hosts.push(names.apex);
  const gateways = service.gateways?.length ? [...service.gateways] : ['mesh'];
  const spec: VirtualServiceSpec = service.delegation ? {} : { hosts, gateways };
  const weighted = [
    destination(service, names.primary, weights.primary),
    destination(service, names.canary, weights.canary),
  ];

  if (isTcp(canary)) {
    const route: TCPRoute = { route: weighted };
    if (service.match?.length) route.match = service.match.map((m) => (m.port ? { port: m.port } : {}));
    spec.tcp = [route];
    return spec;
  }

  const analysisMatch = canary.spec.analysis?.match ?? [];
  if (analysisMatch.length > 0) {
    spec.http = [
      httpRoute(service, mergeMatchConditions(analysisMatch, service.match ?? []), weighted),
      httpRoute(service, service.match, [destination(service, names.primary, weights.primary)]),
    ];
    return spec;
  }
  const route = httpRoute(service, service.match, weighted);
  if (weights.mirrored) {
    route.mirror = { host: names.canary };
    const mirrorWeight = canary.spec.analysis?.mirrorWeight ?? 0;
    if (mirrorWeight > 0) route.mirrorPercentage = { value: mirrorWeight };
  }
  const active = activeSessionAffinity(canary);
  spec.http =
    active && cookies
      ? sessionAffinityRoutes({ canary, affinity: active, weighted: route, weights, cookies })
      : [route];
  return spec;
}

/**
 * The weights of the route that sends traffic to the canary (the last such route, as Flagger reads it);
 * with session affinity, the weights of the destinations that set cookies win (the weighted rule's, not
 * the sticky rules').
 */
export function routedWeights(spec: VirtualServiceSpec, canary: Canary): RouteWeights {
  const names = serviceNames(canary);
  const routes: (HTTPRoute | TCPRoute)[] = isTcp(canary) ? (spec.tcp ?? []) : (spec.http ?? []);
  const toCanary = routes.filter((r) => r.route?.some((d) => d.destination?.host === names.canary)).at(-1);
  const weights: RouteWeights = { primary: 0, canary: 0, mirrored: false };
  const read = (d: RouteDestination) => {
    if (d.destination?.host === names.primary) weights.primary = d.weight ?? 0;
    if (d.destination?.host === names.canary) weights.canary = d.weight ?? 0;
  };
  for (const d of toCanary?.route ?? []) read(d);
  if (!isTcp(canary) && toCanary && 'mirror' in toCanary && toCanary.mirror?.host) weights.mirrored = true;
  if (activeSessionAffinity(canary)) {
    for (const route of spec.http ?? []) for (const d of route.route ?? []) if (d.headers) read(d);
  }
  return weights;
}

function serviceOf(canary: Canary): CanaryService {
  return canary.spec.service ?? { port: 80 };
}

function httpRoute(
  service: CanaryService,
  match: HTTPMatchRequest[] | undefined,
  route: RouteDestination[],
): HTTPRoute {
  const http: HTTPRoute = {};
  if (match?.length) http.match = structuredClone(match);
  if (service.rewrite && (service.rewrite.uri || service.rewrite.authority)) {
    // Istio's rewrite has no `type` (a Gateway API notion of Flagger's HTTPRewrite).
    http.rewrite = {};
    if (service.rewrite.uri) http.rewrite.uri = service.rewrite.uri;
    if (service.rewrite.authority) http.rewrite.authority = service.rewrite.authority;
  }
  if (service.timeout) http.timeout = service.timeout;
  if (service.retries) http.retries = structuredClone(service.retries);
  if (service.corsPolicy) http.corsPolicy = structuredClone(service.corsPolicy);
  if (service.headers) http.headers = structuredClone(service.headers);
  http.route = route;
  return http;
}

/** A destination; with the service port when port discovery is on and the first gateway is not `mesh` (or with delegation). */
function destination(service: CanaryService, host: string, weight: number): RouteDestination {
  const withPort =
    service.portDiscovery === true &&
    (((service.gateways?.length ?? 0) > 0 && service.gateways?.[0] !== 'mesh') ||
      service.delegation === true);
  return { destination: withPort ? { host, port: { number: service.port } } : { host }, weight };
}
