import { describe, expect, it } from 'vitest';
import { podTargets, podTargetsFile, type ScrapablePod } from './pod-targets.js';

function pod(
  overrides: { annotations?: Record<string, string>; ip?: string; phase?: string; ports?: number[] } = {},
): ScrapablePod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'podinfo-7d9c5b8f4-abcde',
      namespace: 'test',
      labels: { app: 'podinfo', 'pod-template-hash': '7d9c5b8f4' },
      annotations: overrides.annotations ?? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9797' },
    },
    spec: {
      nodeName: 'weir-local',
      containers: [{ ports: (overrides.ports ?? [9898, 9797]).map((containerPort) => ({ containerPort })) }],
    },
    status: { podIP: overrides.ip ?? '127.1.0.5', phase: overrides.phase ?? 'Running' },
  };
}

describe('podTargets', () => {
  it('scrapes the annotated port with the usual labels', () => {
    expect(podTargets(pod())).toEqual({
      targets: ['127.1.0.5:9797'],
      labels: {
        app: 'podinfo',
        pod_template_hash: '7d9c5b8f4',
        namespace: 'test',
        pod: 'podinfo-7d9c5b8f4-abcde',
        kubernetes_namespace: 'test',
        kubernetes_pod_name: 'podinfo-7d9c5b8f4-abcde',
        node: 'weir-local',
      },
    });
  });

  it('takes every container port without a port annotation, and the path and scheme annotations', () => {
    const group = podTargets(
      pod({
        annotations: {
          'prometheus.io/scrape': 'true',
          'prometheus.io/path': '/stats',
          'prometheus.io/scheme': 'https',
        },
      }),
    );
    expect(group?.targets).toEqual(['127.1.0.5:9898', '127.1.0.5:9797']);
    expect(group?.labels).toMatchObject({ __metrics_path__: '/stats', __scheme__: 'https' });
    expect(podTargets(pod({ annotations: { 'prometheus.io/scrape': 'true' }, ports: [] }))?.targets).toEqual([
      '127.1.0.5:80',
    ]);
  });

  it('skips pods not annotated, without an IP, or finished', () => {
    expect(podTargets(pod({ annotations: {} }))).toBeUndefined();
    expect(podTargets(pod({ annotations: { 'prometheus.io/scrape': 'false' } }))).toBeUndefined();
    expect(podTargets(pod({ ip: '' }))).toBeUndefined();
    expect(podTargets(pod({ phase: 'Succeeded' }))).toBeUndefined();
    expect(podTargetsFile([pod({ annotations: {} })])).toBe('[]\n');
  });
});
