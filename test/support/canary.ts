import type { Canary } from '../../src/apis/index.js';

/** A minimal valid Canary `podinfo` in namespace `test` (stepWeight 10, maxWeight 50, threshold 5), to adjust per test. */
export function podinfoCanary(overrides: { analysis?: Partial<Canary['spec']['analysis']> } = {}): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test', uid: '6a1e7c9e-0000-4000-8000-000000000001' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service: { port: 9898 },
      analysis: { interval: '1m', threshold: 5, maxWeight: 50, stepWeight: 10, ...overrides.analysis },
    },
    status: {
      phase: 'Progressing',
      canaryWeight: 10,
      failedChecks: 0,
      iterations: 0,
      lastAppliedSpec: '5cb5d7f4f9',
      trackedConfigs: { 'configmap/podinfo-config': 'a1b2c3d4e5f60718' },
    },
  };
}
