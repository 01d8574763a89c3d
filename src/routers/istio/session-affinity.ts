import {
  type Canary,
  DefaultSessionAffinityMaxAge,
  type HTTPMatchRequest,
  type SessionAffinity,
} from '../../apis/index.js';
import { parseGoDuration } from '../../platform/go-duration.js';
import { serviceNames } from '../canary-names.js';
import type { RouteStatus, RouteWeights } from '../mesh-router.js';
import type { HTTPRoute, RouteDestination, VirtualServiceSpec } from './istio-types.js';
import { mergeMatchConditions } from './match-conditions.js';

/** Flagger's name of the rule that keeps a client holding the canary cookie on the canary. */
export const stickyCanaryRouteName = 'sticky-route';
/** Weir's name of the rule that keeps a client holding the primary cookie on the primary. */
export const stickyPrimaryRouteName = 'sticky-route-primary';
const stickyRouteNames: readonly string[] = [stickyCanaryRouteName, stickyPrimaryRouteName];

const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A number in [0, 1), as `Math.random` answers. */
export type Random = () => number;

/**
 * A new cookie `<name>=<10 random letters>` (Flagger's `randSeq`), drawn from `random`.
 */
export function generateCookie(name: string, random: Random): string {
  let value = '';
  for (let i = 0; i < 10; i++) value += letters[Math.floor(random() * letters.length)] ?? 'a';
  return `${name}=${value}`;
}

/**
 * Flagger's `BuildCookie`: `<name>=<value>; Max-Age=<n>`, then `Domain`, `HttpOnly`, `Partitioned`, `Path`,
 * `SameSite` and `Secure`, in that order, each only when set.
 */
export function buildCookie(cookie: string, maxAge: number, affinity: SessionAffinity): string {
  let text = `${cookie}; Max-Age=${maxAge}`;
  if (affinity.domain) text += `; Domain=${affinity.domain}`;
  if (affinity.httpOnly) text += '; HttpOnly';
  if (affinity.partitioned) text += '; Partitioned';
  if (affinity.path) text += `; Path=${affinity.path}`;
  if (affinity.sameSite) text += `; SameSite=${affinity.sameSite}`;
  if (affinity.secure) text += '; Secure';
  return text;
}

/** `analysis.interval` in whole seconds (unparsable or not positive: 60), the primary cookie's lifetime. */
export function intervalSeconds(canary: Canary): number {
  const text = canary.spec.analysis?.interval;
  const ms = text ? parseGoDuration(text) : undefined;
  return ms === undefined || ms <= 0 ? 60 : Math.max(1, Math.floor(ms / 1000));
}

/**
 * The canary's session affinity when it shapes the HTTP routes: not for TCP services, and not during A/B
 * tests (their match rules replace every other rule, as in Flagger).
 */
export function activeSessionAffinity(canary: Canary): SessionAffinity | undefined {
  const analysis = canary.spec.analysis;
  if (!analysis?.sessionAffinity) return undefined;
  if (canary.spec.service?.appProtocol?.toLowerCase() === 'tcp') return undefined;
  if ((analysis.match?.length ?? 0) > 0) return undefined;
  return analysis.sessionAffinity;
}

/**
 * The cookies after routing `weights`: with traffic on the canary, the canary cookie (and the primary one,
 * with `primaryCookieName`) kept from the status or generated once; at weight 0 the canary cookie becomes
 * the previous one, to be deleted from clients. Undefined without session affinity.
 */
export function nextCookies(canary: Canary, weights: RouteWeights, random: Random): RouteStatus | undefined {
  const affinity = activeSessionAffinity(canary);
  if (!affinity) return undefined;
  const status = canary.status ?? {};
  const next: RouteStatus = {};
  const keep = (cookie: string | undefined, name: string) =>
    cookie?.startsWith(`${name}=`) ? cookie : generateCookie(name, random);
  const primaryName = affinity.primaryCookieName;
  const primary =
    primaryName && weights.canary > 0
      ? keep(status.primarySessionAffinityCookie, primaryName)
      : status.primarySessionAffinityCookie;
  if (primary) next.primarySessionAffinityCookie = primary;
  if (weights.canary > 0) {
    next.sessionAffinityCookie = keep(status.sessionAffinityCookie, affinity.cookieName);
    if (status.previousSessionAffinityCookie)
      next.previousSessionAffinityCookie = status.previousSessionAffinityCookie;
  } else {
    const previous = status.sessionAffinityCookie || status.previousSessionAffinityCookie;
    if (previous) next.previousSessionAffinityCookie = previous;
  }
  return next;
}

/** Conditions matching requests that carry `cookie` (Flagger's `.*<name>.*<value>.*` regex), with the service's. */
function cookieMatch(cookie: string, serviceMatch: readonly HTTPMatchRequest[]): HTTPMatchRequest[] {
  const at = cookie.indexOf('=');
  const [name, value] = at < 0 ? [cookie, ''] : [cookie.slice(0, at), cookie.slice(at + 1)];
  return mergeMatchConditions([{ headers: { Cookie: { regex: `.*${name}.*${value}.*` } } }], serviceMatch);
}

/** `route` with `Set-Cookie: value` added to the responses of the destinations of `host`. */
function settingCookie(route: RouteDestination[], host: string, value: string): RouteDestination[] {
  return route.map((d) =>
    d.destination.host === host ? { ...d, headers: { response: { add: { 'Set-Cookie': value } } } } : d,
  );
}

/**
 * Flagger's session-affinity rules around the weighted rule (§3.2). With canary traffic: the sticky canary
 * rule (cookie → canary 100), the sticky primary rule with `primaryCookieName`, then the weighted rule whose
 * responses set the cookies. At weight 0: a rule that sends the previous canary cookie's holders along the
 * weights and deletes the cookie (`Max-Age=-1`), then the weighted rule. Cookies come from `cookies`, never
 * generated here.
 */
export function sessionAffinityRoutes(options: {
  canary: Canary;
  affinity: SessionAffinity;
  weighted: HTTPRoute;
  weights: RouteWeights;
  cookies: RouteStatus;
}): HTTPRoute[] {
  const { canary, affinity, weighted, weights, cookies } = options;
  const names = serviceNames(canary);
  const serviceMatch = canary.spec.service?.match ?? [];
  const route = weighted.route ?? [];
  const to = (primary: number, canaryWeight: number): RouteDestination[] =>
    route.map((d) => ({ ...d, weight: d.destination.host === names.canary ? canaryWeight : primary }));
  const sticky = (name: string, cookie: string, destinations: RouteDestination[]): HTTPRoute => {
    const { mirror: _m, mirrorPercentage: _p, ...rest } = weighted;
    return { name, ...rest, match: cookieMatch(cookie, serviceMatch), route: destinations };
  };
  const canaryCookie = cookies.sessionAffinityCookie;
  if (weights.canary > 0 && canaryCookie) {
    let weightedRoute = settingCookie(
      route,
      names.canary,
      buildCookie(canaryCookie, affinity.maxAge || DefaultSessionAffinityMaxAge, affinity),
    );
    const rules = [sticky(stickyCanaryRouteName, canaryCookie, to(0, 100))];
    const primaryCookie = affinity.primaryCookieName ? cookies.primarySessionAffinityCookie : undefined;
    if (primaryCookie) {
      rules.push(sticky(stickyPrimaryRouteName, primaryCookie, to(100, 0)));
      weightedRoute = settingCookie(
        weightedRoute,
        names.primary,
        buildCookie(primaryCookie, intervalSeconds(canary), affinity),
      );
    }
    return [...rules, { ...weighted, route: weightedRoute }];
  }
  const previous = cookies.previousSessionAffinityCookie;
  if (!previous) return [weighted];
  const expiring = sticky(stickyCanaryRouteName, previous, route);
  const headers = structuredClone(weighted.headers ?? {});
  headers.response = {
    ...headers.response,
    add: { ...headers.response?.add, 'Set-Cookie': `${previous}; Max-Age=-1` },
  };
  return [{ ...expiring, headers }, weighted];
}

/** Whether `route` is one of the cookie rules only setRoutes writes. */
export function isStickyRoute(route: HTTPRoute): boolean {
  return route.name !== undefined && stickyRouteNames.includes(route.name);
}

/**
 * `spec` without what only setRoutes owns under session affinity (the sticky rules and the destinations'
 * cookie headers), for reconcile's comparison (Flagger ignores them the same way).
 */
export function withoutSessionRules(spec: VirtualServiceSpec): VirtualServiceSpec {
  if (!spec.http) return spec;
  return {
    ...spec,
    http: spec.http
      .filter((r) => !isStickyRoute(r))
      .map((r) => ({ ...r, route: r.route?.map(({ headers: _h, ...d }) => d) })),
  };
}
