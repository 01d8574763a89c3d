import {
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from './apps-printers.js';
import {
  configMapPrinter,
  endpointsPrinter,
  namespacePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core-printers.js';
import { crdPrinter } from './crd-printer.js';
import { eventPrinter } from './event-printer.js';
import { hpaPrinter } from './hpa-printer.js';
import {
  clusterRoleBindingPrinter,
  createdAtPrinter,
  ingressPrinter,
  leasePrinter,
  roleBindingPrinter,
} from './misc-printers.js';
import { nodePrinter } from './node-printer.js';
import { podPrinter } from './pod-printer.js';
import type { TablePrinter } from './table-printer.js';

/**
 * NAME AGE: the table of a custom resource whose CRD declares no printer columns, used for any kind without a
 * printer of its own. (The real server prints built-in kinds without a printer as NAME CREATED AT instead, see
 * `createdAtPrinter`.)
 */
export const defaultPrinter: TablePrinter = crdPrinter(undefined);

/** Printers by `group/Kind` (core group: empty). */
const PRINTERS: ReadonlyMap<string, TablePrinter> = new Map([
  ['/Namespace', namespacePrinter],
  ['/Service', servicePrinter],
  ['/Endpoints', endpointsPrinter],
  ['/ConfigMap', configMapPrinter],
  ['/Secret', secretPrinter],
  ['/ServiceAccount', serviceAccountPrinter],
  ['/Pod', podPrinter],
  ['/Node', nodePrinter],
  ['/Event', eventPrinter],
  ['events.k8s.io/Event', eventPrinter],
  ['apps/Deployment', deploymentPrinter],
  ['apps/DaemonSet', daemonSetPrinter],
  ['apps/ReplicaSet', replicaSetPrinter],
  ['apps/StatefulSet', statefulSetPrinter],
  ['autoscaling/HorizontalPodAutoscaler', hpaPrinter],
  ['networking.k8s.io/Ingress', ingressPrinter],
  ['coordination.k8s.io/Lease', leasePrinter],
  ['rbac.authorization.k8s.io/Role', createdAtPrinter],
  ['rbac.authorization.k8s.io/ClusterRole', createdAtPrinter],
  ['rbac.authorization.k8s.io/RoleBinding', roleBindingPrinter],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', clusterRoleBindingPrinter],
  ['apiextensions.k8s.io/CustomResourceDefinition', createdAtPrinter],
]);

/** The server-side printer the real kube-apiserver uses for a built-in kind, else {@link defaultPrinter}. */
export function builtinPrinter(group: string, kind: string): TablePrinter {
  return PRINTERS.get(`${group}/${kind}`) ?? defaultPrinter;
}
