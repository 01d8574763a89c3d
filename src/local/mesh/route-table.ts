import type { KubeObject } from '../../kube/kube-object.js';
import {
  compileTrafficSplit,
  compileVirtualService,
  type HostRules,
  trafficSplitHost,
  virtualServiceHosts,
} from './route-rules.js';

/** Oldest first, then by namespace and name: which of two objects claiming one host wins. */
function byAge(a: KubeObject, b: KubeObject): number {
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  const ak = `${a.metadata.namespace}/${a.metadata.name}`;
  const bk = `${b.metadata.namespace}/${b.metadata.name}`;
  return ak < bk ? -1 : ak > bk ? 1 : 0;
}

/**
 * Which routing object governs each host: VirtualServices first (the oldest when several claim a host,
 * as Istio keeps the first), then TrafficSplits for hosts no VirtualService claims. Keys are Service keys
 * (`namespace/name`) or literal hosts (`app.example.com`).
 */
export class RouteTable {
  private readonly rules = new Map<string, HostRules>();

  /**
   * Compiles the objects; an object that does not compile is left out and reported through `onProblem`
   * (its hosts then route as if it did not exist).
   */
  constructor(
    virtualServices: readonly KubeObject[],
    trafficSplits: readonly KubeObject[],
    onProblem: (object: KubeObject, error: unknown) => void = () => {},
  ) {
    for (const vs of [...virtualServices].sort(byAge)) {
      let compiled: HostRules;
      try {
        compiled = compileVirtualService(vs);
      } catch (error) {
        onProblem(vs, error);
        continue;
      }
      for (const host of virtualServiceHosts(vs)) if (!this.rules.has(host)) this.rules.set(host, compiled);
    }
    for (const split of [...trafficSplits].sort(byAge)) {
      const host = trafficSplitHost(split);
      if (host && !this.rules.has(host)) this.rules.set(host, compileTrafficSplit(split));
    }
  }

  /** The rules of a host key, if some object routes it. */
  get(key: string): HostRules | undefined {
    return this.rules.get(key);
  }

  /** Number of routed host keys. */
  get size(): number {
    return this.rules.size;
  }
}
