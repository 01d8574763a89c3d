import { describe, expect, it } from 'vitest';
import { nodePrinter } from './node-printer.js';

describe('nodePrinter', () => {
  it('prints the columns kubectl get nodes shows', () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'weir-local',
        creationTimestamp: '2026-03-01T12:00:00Z',
        labels: { 'node-role.kubernetes.io/control-plane': '' },
      },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
        nodeInfo: {
          kubeletVersion: 'v1.31.0',
          osImage: 'Weir playground',
          kernelVersion: '6.1.0',
          containerRuntimeVersion: 'weir://0.1.0',
        },
      },
    };
    expect(nodePrinter.columns.map((c) => c.name)).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
      'Internal-IP',
      'External-IP',
      'OS-Image',
      'Kernel-Version',
      'Container-Runtime',
    ]);
    expect(nodePrinter.cells(node, new Date('2026-03-01T12:05:00Z'))).toEqual([
      'weir-local',
      'Ready',
      'control-plane',
      '5m',
      'v1.31.0',
      '127.0.0.1',
      '<none>',
      'Weir playground',
      '6.1.0',
      'weir://0.1.0',
    ]);
    expect(
      nodePrinter
        .cells(
          { ...node, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } },
          new Date('2026-03-01T12:05:00Z'),
        )
        .slice(1, 2),
    ).toEqual(['NotReady']);
  });
});
