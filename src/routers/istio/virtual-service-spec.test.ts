import { describe, expect, it } from 'vitest';
import type { Canary, CanaryService } from '../../apis/index.js';
import { mergeMatchConditions, routedWeights, virtualServiceSpec } from './virtual-service-spec.js';

function canary(service: CanaryService, analysis: Partial<Canary['spec']['analysis']> = {}): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service,
      analysis: { interval: '1m', threshold: 5, stepWeight: 10, ...analysis },
    },
  };
}
const initial = { primary: 100, canary: 0, mirrored: false };

describe('virtualServiceSpec', () => {
  it('appends the apex host unless it or * is there, and defaults the gateways to mesh', () => {
    expect(virtualServiceSpec(canary({ port: 80 }), initial)).toMatchObject({
      hosts: ['podinfo'],
      gateways: ['mesh'],
    });
    expect(virtualServiceSpec(canary({ port: 80, hosts: ['*'] }), initial).hosts).toEqual(['*']);
    expect(virtualServiceSpec(canary({ port: 80, name: 'web', hosts: ['web'] }), initial).hosts).toEqual([
      'web',
    ]);
    expect(virtualServiceSpec(canary({ port: 80, gateways: ['gw'] }), initial).gateways).toEqual(['gw']);
  });

  it('sets the destination port only with port discovery and a first gateway other than mesh (or delegation)', () => {
    const dest = (service: CanaryService) =>
      virtualServiceSpec(canary(service), initial).http?.[0]?.route?.[0]?.destination;
    expect(dest({ port: 9898, portDiscovery: true, gateways: ['istio/public-gateway', 'mesh'] })).toEqual({
      host: 'podinfo-primary',
      port: { number: 9898 },
    });
    expect(dest({ port: 9898, portDiscovery: true, gateways: ['mesh', 'istio/public-gateway'] })).toEqual({
      host: 'podinfo-primary',
    });
    expect(dest({ port: 9898, gateways: ['istio/public-gateway'] })).toEqual({ host: 'podinfo-primary' });
    expect(dest({ port: 9898, portDiscovery: true, delegation: true })).toEqual({
      host: 'podinfo-primary',
      port: { number: 9898 },
    });
  });

  it('drops the Gateway API rewrite type and writes mirrorPercentage only for a positive mirrorWeight', () => {
    const spec = virtualServiceSpec(canary({ port: 80, rewrite: { uri: '/', type: 'ReplacePrefixMatch' } }), {
      primary: 100,
      canary: 0,
      mirrored: true,
    });
    expect(spec.http?.[0]?.rewrite).toEqual({ uri: '/' });
    expect(spec.http?.[0]?.mirror).toEqual({ host: 'podinfo-canary' });
    expect(spec.http?.[0]?.mirrorPercentage).toBeUndefined();
    expect(routedWeights(spec, canary({ port: 80 }))).toEqual({ primary: 100, canary: 0, mirrored: true });
  });
});

describe('virtualServiceSpec with session affinity', () => {
  it("refuses the same name for the canary and primary cookies, with Flagger's message", () => {
    const sameNames = canary({ port: 80 }, { sessionAffinity: { cookieName: 'c', primaryCookieName: 'c' } });
    expect(() => virtualServiceSpec(sameNames, initial)).toThrow(
      expect.objectContaining({
        code: 'invalid-spec',
        message:
          "can't use the same cookie name for both primary and cookie name; please update them to be different",
      }),
    );
  });
});

describe('mergeMatchConditions', () => {
  const headers = { headers: { 'x-canary': { exact: 'insider' } } };
  const labels = { sourceLabels: { app: 'tester' } };

  it('answers the A/B conditions alone when the service has none', () => {
    expect(mergeMatchConditions([headers, labels], [])).toEqual([headers, labels]);
  });

  it('combines each A/B condition with each service condition, taking headers and sourceLabels from A/B', () => {
    const service = [
      { uri: { prefix: '/podinfo' }, method: { exact: 'GET' }, headers: { old: { exact: 'x' } } },
      { uri: { prefix: '/api' } },
    ];
    expect(mergeMatchConditions([headers, labels], service)).toEqual([
      { uri: { prefix: '/podinfo' }, method: { exact: 'GET' }, headers: headers.headers },
      { uri: { prefix: '/api' }, headers: headers.headers },
      {
        uri: { prefix: '/podinfo' },
        method: { exact: 'GET' },
        headers: { old: { exact: 'x' } },
        sourceLabels: { app: 'tester' },
      },
      { uri: { prefix: '/api' }, sourceLabels: { app: 'tester' } },
    ]);
  });

  it('keeps the query parameters of an A/B condition (Flagger drops them: every request matched)', () => {
    const query = { queryParams: { canary: { exact: 'true' } } };
    expect(mergeMatchConditions([query], [{ uri: { prefix: '/api' } }])).toEqual([
      { uri: { prefix: '/api' }, queryParams: { canary: { exact: 'true' } } },
    ]);
  });
});
