import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import type { KubeClient } from '../kube/kube-client.js';
import { MemoryLogger } from '../platform/logger.js';
import { IstioRouter } from './istio/istio-router.js';
import { NopRouter } from './nop-router.js';
import { UnknownProviderError } from './providers.js';
import { createMeshRouter, routingTypes } from './router-factory.js';
import { SmiRouter } from './smi/smi-router.js';

const deps = { client: {} as KubeClient, reader: {} as ClusterReader, logger: new MemoryLogger() };

describe('createMeshRouter', () => {
  it('maps every provider to its router, never falling back', () => {
    expect(createMeshRouter('istio', deps)).toBeInstanceOf(IstioRouter);
    expect(createMeshRouter('kubernetes', deps)).toBeInstanceOf(NopRouter);
    for (const provider of ['linkerd', 'osm', 'smi:istio', 'smi:linkerd', 'smi:v1alpha3:osm']) {
      expect(createMeshRouter(provider, deps)).toBeInstanceOf(SmiRouter);
    }
    for (const provider of ['contour', 'smi', 'gatewayapi', 'nope', '']) {
      expect(() => createMeshRouter(provider, deps)).toThrow(UnknownProviderError);
    }
  });

  it('names the kinds to cache per provider', () => {
    const split = (version: string) => [{ apiVersion: `split.smi-spec.io/${version}`, kind: 'TrafficSplit' }];
    expect(routingTypes('istio')).toEqual([
      { apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService' },
      { apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule' },
    ]);
    expect(routingTypes('linkerd')).toEqual(split('v1alpha1'));
    expect(routingTypes('smi:istio')).toEqual(split('v1alpha1'));
    expect(routingTypes('osm')).toEqual(split('v1alpha2'));
    expect(routingTypes('smi:v1alpha2:linkerd')).toEqual(split('v1alpha2'));
    expect(routingTypes('smi:v1alpha3')).toEqual(split('v1alpha3'));
    expect(routingTypes('kubernetes')).toEqual([]);
    expect(() => routingTypes('kuma')).toThrow(UnknownProviderError);
  });
});

describe('NopRouter', () => {
  const canary = (iterations?: number) =>
    ({
      metadata: { name: 'podinfo' },
      spec: {},
      status: iterations === undefined ? undefined : { iterations },
    }) as Canary;

  it('answers 0/100 once an iteration ran, else 100/0, and ignores setRoutes', async () => {
    const router = new NopRouter();
    expect(await router.getRoutes(canary())).toEqual({ primary: 100, canary: 0, mirrored: false });
    expect(await router.getRoutes(canary(0))).toEqual({ primary: 100, canary: 0, mirrored: false });
    await router.setRoutes();
    expect(await router.getRoutes(canary(2))).toEqual({ primary: 0, canary: 100, mirrored: false });
  });
});
