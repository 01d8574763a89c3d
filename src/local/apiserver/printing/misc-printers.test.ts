import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/object.js';
import {
  clusterRoleBindingPrinter,
  createdAtPrinter,
  formatIngressHosts,
  ingressPrinter,
  leasePrinter,
  roleBindingPrinter,
} from './misc-printers.js';

const now = new Date('2024-06-01T12:00:00Z');
const created = '2024-06-01T09:30:00Z';

function headers(printer: { columns: readonly { name: string; priority: number }[] }): string[] {
  return printer.columns.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('ingressPrinter', () => {
  it('prints class, hosts, address and ports', () => {
    const ingress: KubeObject = {
      metadata: { name: 'podinfo', creationTimestamp: created },
      spec: {
        ingressClassName: 'nginx',
        rules: [{ host: 'app.example.com' }, { host: 'www.example.com' }],
        tls: [{ hosts: ['app.example.com'] }],
      },
      status: { loadBalancer: { ingress: [{ ip: '172.18.0.2' }] } },
    };
    expect(headers(ingressPrinter)).toEqual(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
    expect(ingressPrinter.cells(ingress, now)).toEqual([
      'podinfo',
      'nginx',
      'app.example.com,www.example.com',
      '172.18.0.2',
      '80, 443',
      '150m',
    ]);
    const bare: KubeObject = { metadata: { name: 'x' }, spec: { rules: [{}] } };
    expect(ingressPrinter.cells(bare, now).slice(1, 5)).toEqual(['<none>', '*', '', '80']);
  });

  it('cuts hosts after three', () => {
    const rules = ['a', 'b', 'c', 'd', 'e'].map((h) => ({ host: `${h}.example.com` }));
    expect(formatIngressHosts(rules)).toBe('a.example.com,b.example.com,c.example.com + 2 more...');
  });
});

describe('leasePrinter', () => {
  it('prints the holder, empty when unheld', () => {
    const lease: KubeObject = {
      metadata: { name: 'flagger', creationTimestamp: created },
      spec: { holderIdentity: 'flagger-7c9f_1a2b' },
    };
    expect(headers(leasePrinter)).toEqual(['Name', 'Holder', 'Age']);
    expect(leasePrinter.cells(lease, now)).toEqual(['flagger', 'flagger-7c9f_1a2b', '150m']);
    expect(leasePrinter.cells({ metadata: { name: 'free' }, spec: {} }, now)[1]).toBe('');
  });
});

describe('binding printers', () => {
  const binding: KubeObject = {
    metadata: { name: 'flagger', creationTimestamp: created },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'flagger' },
    subjects: [
      { kind: 'ServiceAccount', name: 'flagger', namespace: 'flagger-system' },
      { kind: 'User', name: 'alice' },
      { kind: 'User', name: 'bob' },
      { kind: 'Group', name: 'devs' },
    ],
  };

  it('prints the role and, in wide output, the subjects', () => {
    expect(headers(clusterRoleBindingPrinter)).toEqual([
      'Name',
      'Role',
      'Age',
      '(Users)',
      '(Groups)',
      '(ServiceAccounts)',
    ]);
    expect(clusterRoleBindingPrinter.cells(binding, now)).toEqual([
      'flagger',
      'ClusterRole/flagger',
      '150m',
      'alice, bob',
      'devs',
      'flagger-system/flagger',
    ]);
    expect(roleBindingPrinter.columns[3]?.description).toBe('Users in the roleBinding');
    expect(clusterRoleBindingPrinter.columns[3]?.description).toBe('Users in the clusterRoleBinding');
  });
});

describe('createdAtPrinter', () => {
  it('prints NAME and CREATED AT as an RFC 3339 date cell', () => {
    expect(createdAtPrinter.columns.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ]);
    const role: KubeObject = { metadata: { name: 'flagger', creationTimestamp: '2024-06-01T09:30:00Z' } };
    expect(createdAtPrinter.cells(role, now)).toEqual(['flagger', '2024-06-01T09:30:00Z']);
  });
});
