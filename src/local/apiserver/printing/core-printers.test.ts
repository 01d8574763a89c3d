import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/object.js';
import {
  configMapPrinter,
  endpointsPrinter,
  formatEndpoints,
  namespacePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core-printers.js';

const now = new Date('2024-06-01T12:00:00Z');
const created = '2024-05-27T12:00:00Z';

function headers(printer: { columns: readonly { name: string; priority: number }[] }): string[] {
  return printer.columns.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

function service(spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'podinfo', namespace: 'test', creationTimestamp: created },
    spec,
    ...(status === undefined ? {} : { status }),
  };
}

describe('servicePrinter', () => {
  it('has the real columns, SELECTOR only in wide output', () => {
    expect(headers(servicePrinter)).toEqual([
      'Name',
      'Type',
      'Cluster-IP',
      'External-IP',
      'Port(s)',
      'Age',
      '(Selector)',
    ]);
  });

  it('prints the podinfo ClusterIP service', () => {
    const svc = service({
      type: 'ClusterIP',
      clusterIP: '10.96.0.12',
      clusterIPs: ['10.96.0.12'],
      selector: { app: 'podinfo' },
      ports: [{ name: 'http', port: 9898, protocol: 'TCP', targetPort: 'http' }],
    });
    expect(servicePrinter.cells(svc, now)).toEqual([
      'podinfo',
      'ClusterIP',
      '10.96.0.12',
      '<none>',
      '9898/TCP',
      '5d',
      'app=podinfo',
    ]);
  });

  it('prints node ports, pending load balancers and headless services', () => {
    const lb = service({
      type: 'LoadBalancer',
      clusterIP: '10.96.0.13',
      ports: [
        { port: 80, nodePort: 30080, protocol: 'TCP' },
        { port: 53, nodePort: 30053, protocol: 'UDP' },
      ],
    });
    expect(servicePrinter.cells(lb, now).slice(1, 5)).toEqual([
      'LoadBalancer',
      '10.96.0.13',
      '<pending>',
      '80:30080/TCP,53:30053/UDP',
    ]);
    const ready = service(
      { type: 'LoadBalancer', clusterIPs: ['10.96.0.13'], externalIPs: ['1.2.3.4'] },
      { loadBalancer: { ingress: [{ ip: '5.6.7.8' }, { hostname: 'lb.example.com' }] } },
    );
    expect(servicePrinter.cells(ready, now).slice(3, 5)).toEqual([
      '5.6.7.8,lb.example.com,1.2.3.4',
      '<none>',
    ]);
    const headless = service({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] });
    expect(servicePrinter.cells(headless, now).slice(2, 7)).toEqual([
      'None',
      '<none>',
      '<none>',
      '5d',
      '<none>',
    ]);
    const external = service({ type: 'ExternalName', externalName: 'example.com' });
    expect(servicePrinter.cells(external, now).slice(2, 4)).toEqual(['<none>', 'example.com']);
  });
});

describe('endpointsPrinter', () => {
  it('lists up to three endpoints then counts the rest', () => {
    const endpoints: KubeObject = {
      metadata: { name: 'podinfo', creationTimestamp: created },
      subsets: [
        {
          addresses: [{ ip: '10.244.0.5' }, { ip: '10.244.0.6' }],
          ports: [
            { name: 'http', port: 9898, protocol: 'TCP' },
            { name: 'grpc', port: 9999, protocol: 'TCP' },
          ],
        },
      ],
    };
    expect(headers(endpointsPrinter)).toEqual(['Name', 'Endpoints', 'Age']);
    expect(endpointsPrinter.cells(endpoints, now)).toEqual([
      'podinfo',
      '10.244.0.5:9898,10.244.0.6:9898,10.244.0.5:9999 + 1 more...',
      '5d',
    ]);
    expect(formatEndpoints({ subsets: [{ addresses: [{ ip: 'fd00::5' }] }] })).toBe('fd00::5');
    expect(formatEndpoints({ subsets: [] })).toBe('<none>');
  });
});

describe('namespace, config and identity printers', () => {
  it('prints namespaces with their phase', () => {
    const ns: KubeObject = {
      metadata: { name: 'test', creationTimestamp: created },
      status: { phase: 'Terminating' },
    };
    expect(headers(namespacePrinter)).toEqual(['Name', 'Status', 'Age']);
    expect(namespacePrinter.cells(ns, now)).toEqual(['test', 'Terminating', '5d']);
  });

  it('counts config map data and binary data', () => {
    const cm: KubeObject = {
      metadata: { name: 'podinfo-config', creationTimestamp: created },
      data: { a: '1', b: '2' },
      binaryData: { c: 'AA==' },
    };
    expect(headers(configMapPrinter)).toEqual(['Name', 'Data', 'Age']);
    expect(configMapPrinter.cells(cm, now)).toEqual(['podinfo-config', 3, '5d']);
  });

  it('prints secret type and key count', () => {
    const secret: KubeObject = {
      metadata: { name: 'podinfo-token', creationTimestamp: created },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'eA==', 'tls.key': 'eQ==' },
    };
    expect(headers(secretPrinter)).toEqual(['Name', 'Type', 'Data', 'Age']);
    expect(secretPrinter.cells(secret, now)).toEqual(['podinfo-token', 'kubernetes.io/tls', 2, '5d']);
  });

  it('counts service account secrets', () => {
    const sa: KubeObject = { metadata: { name: 'flagger', creationTimestamp: created } };
    expect(headers(serviceAccountPrinter)).toEqual(['Name', 'Secrets', 'Age']);
    expect(serviceAccountPrinter.cells(sa, now)).toEqual(['flagger', 0, '5d']);
    expect(serviceAccountPrinter.cells({ ...sa, secrets: [{ name: 't' }] }, now)[1]).toBe(1);
  });
});
