import { describe, expect, it } from 'vitest';
import { deploymentPrinter } from './apps-printers.js';
import { builtinPrinter, defaultPrinter } from './builtin-printers.js';
import { eventPrinter } from './event-printer.js';
import { createdAtPrinter } from './misc-printers.js';

/** The header line kubectl prints: upper-cased names, wide columns in brackets. */
function header(group: string, kind: string): string {
  return builtinPrinter(group, kind)
    .columns.map((c) => (c.priority > 0 ? `(${c.name.toUpperCase()})` : c.name.toUpperCase()))
    .join(' ');
}

describe('builtinPrinter', () => {
  it.each([
    ['', 'Namespace', 'NAME STATUS AGE'],
    ['', 'Service', 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE (SELECTOR)'],
    ['', 'Endpoints', 'NAME ENDPOINTS AGE'],
    ['', 'ConfigMap', 'NAME DATA AGE'],
    ['', 'Secret', 'NAME TYPE DATA AGE'],
    ['', 'ServiceAccount', 'NAME SECRETS AGE'],
    ['', 'Pod', 'NAME READY STATUS RESTARTS AGE (IP) (NODE) (NOMINATED NODE) (READINESS GATES)'],
    ['', 'Event', 'LAST SEEN TYPE REASON OBJECT (SUBOBJECT) (SOURCE) MESSAGE (FIRST SEEN) (COUNT) (NAME)'],
    ['apps', 'Deployment', 'NAME READY UP-TO-DATE AVAILABLE AGE (CONTAINERS) (IMAGES) (SELECTOR)'],
    ['apps', 'ReplicaSet', 'NAME DESIRED CURRENT READY AGE (CONTAINERS) (IMAGES) (SELECTOR)'],
    ['autoscaling', 'HorizontalPodAutoscaler', 'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE'],
    ['networking.k8s.io', 'Ingress', 'NAME CLASS HOSTS ADDRESS PORTS AGE'],
    ['coordination.k8s.io', 'Lease', 'NAME HOLDER AGE'],
    ['rbac.authorization.k8s.io', 'Role', 'NAME CREATED AT'],
    ['rbac.authorization.k8s.io', 'ClusterRole', 'NAME CREATED AT'],
    ['rbac.authorization.k8s.io', 'RoleBinding', 'NAME ROLE AGE (USERS) (GROUPS) (SERVICEACCOUNTS)'],
    ['apiextensions.k8s.io', 'CustomResourceDefinition', 'NAME CREATED AT'],
  ])('%s %s prints %s', (group, kind, line) => {
    expect(header(group, kind)).toBe(line);
  });

  it('matches on the group as well as the kind', () => {
    expect(builtinPrinter('apps', 'Deployment')).toBe(deploymentPrinter);
    expect(builtinPrinter('events.k8s.io', 'Event')).toBe(eventPrinter);
    expect(builtinPrinter('extensions', 'Deployment')).toBe(defaultPrinter);
    expect(builtinPrinter('rbac.authorization.k8s.io', 'ClusterRole')).toBe(createdAtPrinter);
  });

  it('falls back to NAME AGE for other kinds', () => {
    expect(builtinPrinter('flagger.app', 'Canary')).toBe(defaultPrinter);
    expect(defaultPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Age']);
    const cells = defaultPrinter.cells(
      { metadata: { name: 'x', creationTimestamp: '2024-06-01T11:00:00Z' } },
      new Date('2024-06-01T12:00:00Z'),
    );
    expect(cells).toEqual(['x', '60m']);
  });
});
