import { describe, expect, it } from 'vitest';
import type { Container } from '../kube/api/core-v1.js';
import { discoverPorts, findSelectorLabel, goList } from './target-metadata.js';

const selectorLabels = ['app', 'name', 'app.kubernetes.io/name'];

describe('findSelectorLabel', () => {
  it('takes the first of -selector-labels present, in flag order', () => {
    expect(findSelectorLabel({ 'app.kubernetes.io/name': 'web', name: 'podinfo' }, selectorLabels)).toEqual({
      label: 'name',
      value: 'podinfo',
    });
    expect(findSelectorLabel({ tier: 'web' }, selectorLabels)).toBeUndefined();
    expect(findSelectorLabel(undefined, selectorLabels)).toBeUndefined();
  });

  it("formats the list like Go's %v", () => {
    expect(goList(selectorLabels)).toBe('[app name app.kubernetes.io/name]');
  });
});

describe('discoverPorts', () => {
  const containers: Container[] = [
    {
      name: 'podinfod',
      ports: [
        { name: 'http', containerPort: 9898 },
        { name: 'http-metrics', containerPort: 9797 },
        { containerPort: 8888 },
      ],
    },
    { name: 'istio-proxy', ports: [{ name: 'http-envoy-prom', containerPort: 15090 }] },
    { name: 'envoy', ports: [{ containerPort: 9901 }] },
  ];

  it('skips the service port, sidecars, and names unnamed ports tcp-<container>-<index>', () => {
    expect(discoverPorts({ port: 9898 }, containers)).toEqual({
      'http-metrics': 9797,
      'tcp-podinfod-2': 8888,
    });
  });

  it('skips the targetPort instead when set, by number or by name', () => {
    expect(discoverPorts({ port: 80, targetPort: 9898 }, containers)).toEqual({
      'http-metrics': 9797,
      'tcp-podinfod-2': 8888,
    });
    expect(discoverPorts({ port: 80, targetPort: 'http-metrics' }, containers)).toEqual({
      http: 9898,
      'tcp-podinfod-2': 8888,
    });
    // With targetPort set, the service port itself is an ordinary container port.
    expect(discoverPorts({ port: 9797, targetPort: 9898 }, containers)).toEqual({
      'http-metrics': 9797,
      'tcp-podinfod-2': 8888,
    });
  });
});
