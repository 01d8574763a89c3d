import type { KubeObject } from '../model/object.js';
import { formatRfc3339Utc } from './age.js';
import { loadBalancerIngress } from './core-printers.js';
import { DESC } from './descriptions.js';
import { at, list, optStr, str } from './fields.js';
import { AGE_COLUMN, ageOf, column, NAME_COLUMN, nameOf, type TablePrinter } from './table-printer.js';

/** `formatHosts`: up to three rule hosts, `*` when no rule names a host. */
export function formatIngressHosts(rules: unknown[]): string {
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === max) more = true;
    const host = str(rule, 'host');
    if (!more && host !== '') hosts.push(host);
  }
  if (hosts.length === 0) return '*';
  const text = hosts.join(',');
  return more ? `${text} + ${rules.length - max} more...` : text;
}

/** networking.k8s.io/v1 Ingress: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export const ingressPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column(
      'Class',
      'string',
      'The name of the IngressClass resource that should be used for additional configuration',
    ),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ],
  cells: (obj, now) => [
    nameOf(obj),
    optStr(obj, 'spec', 'ingressClassName') ?? '<none>',
    formatIngressHosts(list(obj, 'spec', 'rules')),
    loadBalancerIngress(at(obj, 'status', 'loadBalancer')),
    list(obj, 'spec', 'tls').length > 0 ? '80, 443' : '80',
    ageOf(obj, now),
  ],
};

/** coordination.k8s.io/v1 Lease: NAME HOLDER AGE. */
export const leasePrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Holder', 'string', DESC.leaseHolderIdentity), AGE_COLUMN],
  cells: (obj, now) => [nameOf(obj), str(obj, 'spec', 'holderIdentity'), ageOf(obj, now)],
};

/** `rbac.SubjectsStrings`: users, groups and `namespace/name` service accounts, each joined by `, `. */
function subjectCells(binding: KubeObject): [users: string, groups: string, serviceAccounts: string] {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const subject of list(binding, 'subjects')) {
    const name = str(subject, 'name');
    switch (str(subject, 'kind')) {
      case 'ServiceAccount':
        serviceAccounts.push(`${str(subject, 'namespace')}/${name}`);
        break;
      case 'User':
        users.push(name);
        break;
      case 'Group':
        groups.push(name);
        break;
    }
  }
  return [users.join(', '), groups.join(', '), serviceAccounts.join(', ')];
}

function bindingPrinter(roleRefDescription: string, noun: string): TablePrinter {
  return {
    columns: [
      NAME_COLUMN,
      column('Role', 'string', roleRefDescription),
      AGE_COLUMN,
      column('Users', 'string', `Users in the ${noun}`, 1),
      column('Groups', 'string', `Groups in the ${noun}`, 1),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${noun}`, 1),
    ],
    cells: (obj, now) => [
      nameOf(obj),
      `${str(obj, 'roleRef', 'kind')}/${str(obj, 'roleRef', 'name')}`,
      ageOf(obj, now),
      ...subjectCells(obj),
    ],
  };
}

/** rbac.authorization.k8s.io/v1 RoleBinding: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. */
export const roleBindingPrinter: TablePrinter = bindingPrinter(DESC.rbRoleRef, 'roleBinding');

/** rbac.authorization.k8s.io/v1 ClusterRoleBinding: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. */
export const clusterRoleBindingPrinter: TablePrinter = bindingPrinter(DESC.crbRoleRef, 'clusterRoleBinding');

/**
 * The generic server's default table (`rest.NewDefaultTableConvertor`) for built-in kinds without a printer, such
 * as Role, ClusterRole and CustomResourceDefinition: NAME CREATED AT (an RFC 3339 `date` cell).
 */
export const createdAtPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Created At', 'date', DESC.metaCreationTimestamp)],
  cells: (obj) => [nameOf(obj), formatRfc3339Utc(obj.metadata.creationTimestamp)],
};
