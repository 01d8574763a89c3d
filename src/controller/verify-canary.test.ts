import { describe, expect, it } from 'vitest';
import type { Canary, CanaryAnalysis } from '../apis/index.js';
import { verifyCanary } from './verify-canary.js';

const canary = (analysis: Partial<CanaryAnalysis>): Canary => ({
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test' },
  spec: {
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
    analysis: { interval: '1m', threshold: 5, ...analysis },
  },
});

const crossNamespace = canary({
  metrics: [
    { name: 'latency', templateRef: { name: 'latency', namespace: 'istio-system' }, interval: '1m' },
    { name: 'errors', templateRef: { name: 'errors', namespace: 'test' }, interval: '1m' },
    { name: 'local', templateRef: { name: 'local' }, interval: '1m' },
  ],
  alerts: [
    { name: 'on-call', providerRef: { name: 'on-call', namespace: 'monitoring' } },
    { name: 'team', providerRef: { name: 'team' } },
  ],
});

describe('verifyCanary', () => {
  it('blocks cross-namespace MetricTemplates and AlertProviders with -no-cross-namespace-refs', () => {
    expect(verifyCanary(crossNamespace, { noCrossNamespaceRefs: true })).toEqual([
      "can't access metric template latency.istio-system, cross-namespace references are blocked",
      "can't access alert provider on-call.monitoring, cross-namespace references are blocked",
    ]);
  });

  it('allows them without the flag', () => {
    expect(verifyCanary(crossNamespace, { noCrossNamespaceRefs: false })).toEqual([]);
  });

  it('refuses the same cookie name for the canary and the primary', () => {
    const same = canary({
      sessionAffinity: { cookieName: 'flagger-cookie', primaryCookieName: 'flagger-cookie' },
    });
    expect(verifyCanary(same, { noCrossNamespaceRefs: false })).toEqual([
      "can't use the same cookie name for both primary and cookie name; please update them to be different",
    ]);
    const different = canary({ sessionAffinity: { cookieName: 'canary', primaryCookieName: 'primary' } });
    expect(verifyCanary(different, { noCrossNamespaceRefs: false })).toEqual([]);
    const canaryOnly = canary({ sessionAffinity: { cookieName: 'canary' } });
    expect(verifyCanary(canaryOnly, { noCrossNamespaceRefs: false })).toEqual([]);
  });
});
