/** A request's authority split into host (lower case, no trailing dot, IPv6 unbracketed) and port. */
export interface Authority {
  host: string;
  port: number;
}

/** A Service named by a host: its namespace and name. */
export interface ServiceName {
  namespace: string;
  name: string;
}

/** The DNS domain of the playground's cluster, as in a default Kubernetes install. */
export const clusterDomain = 'cluster.local';

/** Splits `host`, `host:port` or `[v6]:port`; undefined when the port is not a number 1–65535. */
export function parseAuthority(authority: string, defaultPort: number): Authority | undefined {
  let host = authority;
  let port = defaultPort;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return undefined;
    const rest = host.slice(end + 1);
    host = host.slice(1, end);
    if (rest !== '') {
      if (!rest.startsWith(':')) return undefined;
      port = Number(rest.slice(1));
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) {
      if (host.indexOf(':') !== colon) return { host: host.toLowerCase(), port: defaultPort };
      port = Number(host.slice(colon + 1));
      host = host.slice(0, colon);
    }
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535 || host === '') return undefined;
  if (host.endsWith('.')) host = host.slice(0, -1);
  return { host: host.toLowerCase(), port };
}

/**
 * The Service a host names the way cluster DNS resolves it: `svc` (in `namespace`, the caller's),
 * `svc.ns`, `svc.ns.svc` and `svc.ns.svc.cluster.local`; undefined for any other form (an external
 * name, an IP address).
 */
export function serviceNameOf(host: string, namespace: string): ServiceName | undefined {
  const first = host.indexOf('.');
  if (first < 0) return namespace ? { namespace, name: host } : undefined;
  const name = host.slice(0, first);
  const rest = host.slice(first + 1);
  const second = rest.indexOf('.');
  if (second < 0) return looksLikeLabel(rest) ? { namespace: rest, name } : undefined;
  const ns = rest.slice(0, second);
  const suffix = rest.slice(second + 1);
  if (suffix === 'svc' || suffix === `svc.${clusterDomain}`) return { namespace: ns, name };
  return undefined;
}

/** A namespace is a DNS label; a numeric one (`1.2` of an address) is not. */
function looksLikeLabel(text: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text) && !/^[0-9]+$/.test(text);
}

/** The cluster-local FQDN of a Service: `name.namespace.svc.cluster.local`. */
export function serviceFqdn(service: ServiceName): string {
  return `${service.name}.${service.namespace}.svc.${clusterDomain}`;
}

/** The key of a Service in maps: `namespace/name`. */
export function serviceKey(service: ServiceName): string {
  return `${service.namespace}/${service.name}`;
}

/** Whether a host is an IPv4 or IPv6 literal. */
export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** Whether a host is this machine (loopback), so a request to it on the proxy's port would loop. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
