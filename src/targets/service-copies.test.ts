import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import {
  canaryCopyMetadata,
  primaryCopyMetadata,
  serviceCopy,
  type TargetService,
} from './service-copies.js';

const canary = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test', uid: 'canary-uid' },
  spec: { targetRef: { apiVersion: 'v1', kind: 'Service', name: 'podinfo' } },
} as unknown as Canary;

function target(spec: TargetService['spec']): TargetService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'podinfo',
      namespace: 'test',
      uid: 'target-uid',
      resourceVersion: '12',
      labels: { app: 'podinfo', 'kustomize.toolkit.fluxcd.io/name': 'apps' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'web' },
    },
    spec,
    status: { loadBalancer: {} },
  };
}

const owner = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  name: 'podinfo',
  uid: 'canary-uid',
  controller: true,
  blockOwnerDeletion: true,
};

describe('serviceCopy (Flagger ServiceController copies)', () => {
  const source = target({
    type: 'NodePort',
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    selector: { app: 'podinfo' },
    ports: [{ name: 'http', port: 9898, nodePort: 30080 }],
  });

  it('creates a copy that leaves addresses and node ports to the cluster, owned by the Canary', () => {
    expect(serviceCopy(canary, source, 'podinfo-canary', undefined, canaryCopyMetadata(source))).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'podinfo-canary',
        namespace: 'test',
        labels: { app: 'podinfo' },
        annotations: { team: 'web' },
        ownerReferences: [owner],
      },
      spec: { type: 'NodePort', selector: { app: 'podinfo' }, ports: [{ name: 'http', port: 9898 }] },
    });
  });

  it("updates a copy with the target's spec, keeping the copy's own allocations", () => {
    const current: TargetService = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'podinfo-primary',
        namespace: 'test',
        resourceVersion: '3',
        ownerReferences: [owner],
      },
      spec: {
        type: 'NodePort',
        clusterIP: '10.96.0.20',
        clusterIPs: ['10.96.0.20'],
        selector: { app: 'old' },
        ports: [{ name: 'http', port: 9898, nodePort: 30099 }],
      },
    };
    const next = serviceCopy(
      canary,
      source,
      'podinfo-primary',
      current,
      primaryCopyMetadata(source, ['team']),
    );
    expect(next).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'podinfo-primary',
        namespace: 'test',
        resourceVersion: '3',
        annotations: { team: 'web' },
        ownerReferences: [owner],
      },
      spec: {
        type: 'NodePort',
        clusterIP: '10.96.0.20',
        clusterIPs: ['10.96.0.20'],
        selector: { app: 'podinfo' },
        ports: [{ name: 'http', port: 9898, nodePort: 30099 }],
      },
    });
    // Deterministic: the same inputs make the same object, so an unchanged target writes nothing.
    expect(
      serviceCopy(canary, source, 'podinfo-primary', next, primaryCopyMetadata(source, ['team'])),
    ).toEqual(next);
  });

  it('keeps a headless target headless', () => {
    const headless = target({ clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80 }] });
    expect(
      serviceCopy(canary, headless, 'podinfo-canary', undefined, canaryCopyMetadata(headless)).spec,
    ).toEqual({
      clusterIP: 'None',
      clusterIPs: ['None'],
      ports: [{ port: 80 }],
    });
  });
});
