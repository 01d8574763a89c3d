import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../../../kube/api/core-v1.js';
import { endpointSubsets, resolveTargetPort } from './endpoint-subsets.js';

function pod(
  name: string,
  ip: string | undefined,
  ready: boolean,
  ports: { name: string; containerPort: number }[],
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'ns', uid: `${name}-uid`, labels: { app: 'a' } },
    spec: { nodeName: 'weir-local', containers: [{ name: 'c', ports }] },
    status: {
      phase: 'Running',
      ...(ip ? { podIP: ip } : {}),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

const service = (spec: Service['spec']): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's', namespace: 'ns' },
  spec,
});

describe('resolveTargetPort', () => {
  const p = pod('p', '127.1.0.1', true, [{ name: 'http', containerPort: 9898 }]);
  it('takes numbers as they are, names through the container ports, and defaults to the port', () => {
    expect(resolveTargetPort(p, { port: 80, targetPort: 8080 })).toBe(8080);
    expect(resolveTargetPort(p, { port: 80, targetPort: 'http' })).toBe(9898);
    expect(resolveTargetPort(p, { port: 80, targetPort: 'grpc' })).toBeUndefined();
    expect(resolveTargetPort(p, { port: 80 })).toBe(80);
  });
});

describe('endpointSubsets', () => {
  it('puts ready pods under addresses and others under notReadyAddresses, sorted by IP', () => {
    const pods = [
      pod('b', '127.1.0.9', true, [{ name: 'http', containerPort: 9898 }]),
      pod('a', '127.1.0.10', true, [{ name: 'http', containerPort: 9898 }]),
      pod('c', '127.1.0.2', false, [{ name: 'http', containerPort: 9898 }]),
      pod('pending', undefined, false, [{ name: 'http', containerPort: 9898 }]),
    ];
    const subsets = endpointSubsets(
      service({ ports: [{ name: 'http', port: 9898, targetPort: 'http' }] }),
      pods,
    );
    expect(subsets).toEqual([
      {
        addresses: [
          {
            ip: '127.1.0.10',
            nodeName: 'weir-local',
            targetRef: { kind: 'Pod', namespace: 'ns', name: 'a', uid: 'a-uid' },
          },
          {
            ip: '127.1.0.9',
            nodeName: 'weir-local',
            targetRef: { kind: 'Pod', namespace: 'ns', name: 'b', uid: 'b-uid' },
          },
        ],
        notReadyAddresses: [
          {
            ip: '127.1.0.2',
            nodeName: 'weir-local',
            targetRef: { kind: 'Pod', namespace: 'ns', name: 'c', uid: 'c-uid' },
          },
        ],
        ports: [{ name: 'http', port: 9898, protocol: 'TCP' }],
      },
    ]);
  });

  it('groups pods by the ports they resolve, and leaves out pods resolving none', () => {
    const pods = [
      pod('new', '127.1.0.1', true, [{ name: 'http', containerPort: 8080 }]),
      pod('old', '127.1.0.2', true, [{ name: 'http', containerPort: 9898 }]),
      pod('none', '127.1.0.3', true, []),
    ];
    const subsets = endpointSubsets(service({ ports: [{ port: 80, targetPort: 'http' }] }), pods);
    expect(subsets.map((s) => [s.addresses?.map((a) => a.ip), s.ports?.map((p) => p.port)])).toEqual([
      [['127.1.0.1'], [8080]],
      [['127.1.0.2'], [9898]],
    ]);
  });

  it('lists unready pods as ready when the Service publishes them', () => {
    const pods = [pod('c', '127.1.0.2', false, [])];
    const subsets = endpointSubsets(service({ publishNotReadyAddresses: true, ports: [{ port: 80 }] }), pods);
    expect(subsets[0]?.addresses?.map((a) => a.ip)).toEqual(['127.1.0.2']);
    expect(subsets[0]?.notReadyAddresses).toBeUndefined();
  });
});
