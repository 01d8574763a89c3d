import { DESC } from './descriptions.js';
import { at, int, list, mapSize, optStr, str, strMap } from './fields.js';
import { formatLabels, joinHostPort } from './go-format.js';
import { AGE_COLUMN, ageOf, column, NAME_COLUMN, nameOf, type TablePrinter } from './table-printer.js';

/** core/v1 Namespace: NAME STATUS AGE. */
export const namespacePrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  cells: (obj, now) => [nameOf(obj), str(obj, 'status', 'phase'), ageOf(obj, now)],
};

/** `sets.NewString(...).List()` of load-balancer ingress IPs (or hostnames), joined; never clipped server-side. */
export function loadBalancerIngress(status: unknown): string {
  const seen = new Set<string>();
  for (const ingress of list(status, 'ingress')) {
    const ip = str(ingress, 'ip');
    const hostname = str(ingress, 'hostname');
    if (ip !== '') seen.add(ip);
    else if (hostname !== '') seen.add(hostname);
  }
  return [...seen].sort().join(',');
}

function serviceExternalIP(svc: unknown): string {
  const externalIPs = list(svc, 'spec', 'externalIPs').filter((ip): ip is string => typeof ip === 'string');
  switch (str(svc, 'spec', 'type')) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerIngress(at(svc, 'status', 'loadBalancer'));
      if (externalIPs.length > 0) {
        return [...(lbIps === '' ? [] : lbIps.split(',')), ...externalIPs].join(',');
      }
      return lbIps === '' ? '<pending>' : lbIps;
    }
    case 'ExternalName':
      return str(svc, 'spec', 'externalName');
    default:
      return '<unknown>';
  }
}

function servicePorts(svc: unknown): string {
  const pieces = list(svc, 'spec', 'ports').map((port) => {
    const nodePort = int(port, 'nodePort');
    const protocol = str(port, 'protocol');
    return nodePort > 0 ? `${int(port, 'port')}:${nodePort}/${protocol}` : `${int(port, 'port')}/${protocol}`;
  });
  return pieces.length === 0 ? '<none>' : pieces.join(',');
}

/** core/v1 Service: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. */
export const servicePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', DESC.svcType),
    column('Cluster-IP', 'string', DESC.svcClusterIP),
    column('External-IP', 'string', DESC.svcExternalIPs),
    column('Port(s)', 'string', DESC.svcPorts),
    AGE_COLUMN,
    column('Selector', 'string', DESC.svcSelector, 1),
  ],
  cells: (obj, now) => {
    // The internal type always has clusterIPs; a v1 object with only clusterIP converts to [clusterIP].
    const clusterIP = optStr(obj, 'spec', 'clusterIPs', 0) ?? optStr(obj, 'spec', 'clusterIP');
    return [
      nameOf(obj),
      str(obj, 'spec', 'type'),
      clusterIP === undefined || clusterIP === '' ? '<none>' : clusterIP,
      serviceExternalIP(obj),
      servicePorts(obj),
      ageOf(obj, now),
      formatLabels(strMap(obj, 'spec', 'selector')),
    ];
  },
};

/** `formatEndpoints(endpoints, nil)`: up to three `ip:port` entries, then `+ N more...`. */
export function formatEndpoints(endpoints: unknown): string {
  const subsets = list(endpoints, 'subsets');
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const shown: string[] = [];
  let more = false;
  let count = 0;
  for (const subset of subsets) {
    const addresses = list(subset, 'addresses').map((a) => str(a, 'ip'));
    const ports = list(subset, 'ports');
    // Headless services may have no ports: list the bare IPs.
    const targets = ports.length === 0 ? [undefined] : ports.map((p) => int(p, 'port'));
    for (const port of targets) {
      count += addresses.length;
      for (const ip of addresses) {
        if (shown.length === max) {
          more = true;
          break;
        }
        shown.push(port === undefined ? ip : joinHostPort(ip, port));
      }
    }
  }
  const text = shown.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

/** core/v1 Endpoints: NAME ENDPOINTS AGE. */
export const endpointsPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Endpoints', 'string', DESC.epSubsets), AGE_COLUMN],
  cells: (obj, now) => [nameOf(obj), formatEndpoints(obj), ageOf(obj, now)],
};

/** core/v1 ConfigMap: NAME DATA AGE (DATA counts `data` and `binaryData` keys). */
export const configMapPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Data', 'string', DESC.cmData), AGE_COLUMN],
  cells: (obj, now) => [nameOf(obj), mapSize(obj, 'data') + mapSize(obj, 'binaryData'), ageOf(obj, now)],
};

/** core/v1 Secret: NAME TYPE DATA AGE. */
export const secretPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', DESC.secretType),
    column('Data', 'string', DESC.secretData),
    AGE_COLUMN,
  ],
  cells: (obj, now) => [nameOf(obj), str(obj, 'type'), mapSize(obj, 'data'), ageOf(obj, now)],
};

/** core/v1 ServiceAccount: NAME SECRETS AGE. */
export const serviceAccountPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Secrets', 'string', DESC.saSecrets), AGE_COLUMN],
  cells: (obj, now) => [nameOf(obj), list(obj, 'secrets').length, ageOf(obj, now)],
};
