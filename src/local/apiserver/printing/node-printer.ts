import { at, list, str } from './fields.js';
import { AGE_COLUMN, ageOf, column, NAME_COLUMN, nameOf, type TablePrinter } from './table-printer.js';

const rolePrefix = 'node-role.kubernetes.io/';

function nodeStatus(node: unknown): string {
  const ready = list(node, 'status', 'conditions').find((c) => str(c, 'type') === 'Ready');
  const parts = [ready === undefined ? 'Unknown' : str(ready, 'status') === 'True' ? 'Ready' : 'NotReady'];
  if (at(node, 'spec', 'unschedulable') === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(node: unknown): string {
  const labels = (at(node, 'metadata', 'labels') ?? {}) as Record<string, string>;
  const roles = Object.keys(labels)
    .filter((key) => key.startsWith(rolePrefix))
    .map((key) => key.slice(rolePrefix.length))
    .filter(Boolean)
    .sort();
  return roles.length > 0 ? roles.join(',') : '<none>';
}

function address(node: unknown, type: string): string {
  const found = list(node, 'status', 'addresses').find((a) => str(a, 'type') === type);
  return found === undefined ? '<none>' : str(found, 'address');
}

/** core/v1 Node: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    column(
      'Internal-IP',
      'string',
      'List of addresses reachable to the node. Queried from cloud provider, if available.',
      1,
    ),
    column(
      'External-IP',
      'string',
      'List of addresses reachable to the node. Queried from cloud provider, if available.',
      1,
    ),
    column(
      'OS-Image',
      'string',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      1,
    ),
    column(
      'Kernel-Version',
      'string',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      1,
    ),
    column(
      'Container-Runtime',
      'string',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      1,
    ),
  ],
  cells: (node, now) => [
    nameOf(node),
    nodeStatus(node),
    nodeRoles(node),
    ageOf(node, now),
    str(node, 'status', 'nodeInfo', 'kubeletVersion'),
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    str(node, 'status', 'nodeInfo', 'osImage') || '<unknown>',
    str(node, 'status', 'nodeInfo', 'kernelVersion') || '<unknown>',
    str(node, 'status', 'nodeInfo', 'containerRuntimeVersion') || '<unknown>',
  ],
};
