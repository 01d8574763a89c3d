import type { CorsPolicy, Headers, HTTPMatchRequest, HTTPRetry, TrafficPolicy } from '../../apis/index.js';
import type { KubeObject } from '../../kube/kube-object.js';

/** The VirtualService version Weir writes (Flagger's), served by every Istio since 1.5. */
export const VirtualServiceType = {
  apiVersion: 'networking.istio.io/v1beta1',
  kind: 'VirtualService',
} as const;

/** The DestinationRule version Weir writes. */
export const DestinationRuleType = {
  apiVersion: 'networking.istio.io/v1beta1',
  kind: 'DestinationRule',
} as const;

/** Where traffic goes: a host (Service name), optionally one of its ports. */
export interface Destination {
  host: string;
  subset?: string;
  port?: { number: number };
}

/** A weighted destination of an HTTP or TCP route. */
export interface RouteDestination {
  destination: Destination;
  /** Percentage of the route's traffic; absent counts as 0, as in Flagger's Go types. */
  weight?: number;
  headers?: Headers;
}

/** One HTTP route of a VirtualService (the fields Weir writes; others are kept as read). */
export interface HTTPRoute {
  name?: string;
  match?: HTTPMatchRequest[];
  rewrite?: { uri?: string; authority?: string };
  timeout?: string;
  retries?: HTTPRetry;
  corsPolicy?: CorsPolicy;
  headers?: Headers;
  route?: RouteDestination[];
  mirror?: Destination;
  mirrorPercentage?: { value: number };
}

/** One TCP route of a VirtualService. */
export interface TCPRoute {
  match?: { port?: number }[];
  route?: RouteDestination[];
}

/** `spec` of a VirtualService. */
export interface VirtualServiceSpec {
  hosts?: string[];
  gateways?: string[];
  http?: HTTPRoute[];
  tcp?: TCPRoute[];
}

/** An Istio VirtualService. */
export interface VirtualService extends KubeObject {
  spec: VirtualServiceSpec;
}

/** `spec` of a DestinationRule as Weir writes it. */
export interface DestinationRuleSpec {
  host: string;
  trafficPolicy?: TrafficPolicy;
}

/** An Istio DestinationRule. */
export interface DestinationRule extends KubeObject {
  spec: DestinationRuleSpec;
}
