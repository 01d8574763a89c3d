import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../model/object.js';
import { formatHpaMetrics, hpaPrinter } from './hpa-printer.js';

const now = new Date('2024-06-01T12:00:00Z');

// Flagger's kustomize-podinfo/hpa.yaml, as stored.
const PODINFO_HPA = `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: podinfo
  namespace: test
  creationTimestamp: "2024-06-01T11:55:00Z"
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: podinfo
  minReplicas: 2
  maxReplicas: 4
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 99
`;

const podinfoHpa: KubeObject = parse(PODINFO_HPA);

describe('hpaPrinter', () => {
  it('has the real columns', () => {
    expect(hpaPrinter.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Reference', 'string', 0],
      ['Targets', 'string', 0],
      ['MinPods', 'string', 0],
      ['MaxPods', 'string', 0],
      ['Replicas', 'string', 0],
      ['Age', 'string', 0],
    ]);
  });

  it('prints the podinfo HPA before metrics arrive (v1.30+ names the resource)', () => {
    expect(hpaPrinter.cells(podinfoHpa, now)).toEqual([
      'podinfo',
      'Deployment/podinfo',
      'cpu: <unknown>/99%',
      '2',
      4,
      0,
      '5m',
    ]);
  });

  it('prints current utilization once the status reports it', () => {
    const observed: KubeObject = {
      ...podinfoHpa,
      status: {
        currentReplicas: 2,
        desiredReplicas: 2,
        currentMetrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', current: { averageUtilization: 12, averageValue: '12m' } },
          },
        ],
      },
    };
    expect(hpaPrinter.cells(observed, now).slice(2, 6)).toEqual(['cpu: 12%/99%', '2', 4, 2]);
  });

  it('formats every metric source and cuts the list after two', () => {
    const hpa: KubeObject = {
      metadata: { name: 'x' },
      spec: {
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } },
          },
          {
            type: 'Pods',
            pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '10' } },
          },
          { type: 'Object', object: { target: { type: 'Value', value: '10k' } } },
        ],
      },
      status: {
        currentMetrics: [
          { type: 'Resource', resource: { name: 'memory', current: { averageValue: '200Mi' } } },
        ],
      },
    };
    expect(formatHpaMetrics(hpa)).toBe('memory: 200Mi/500Mi, <unknown>/10 + 1 more...');
    const external: KubeObject = {
      metadata: { name: 'y' },
      spec: {
        metrics: [
          { type: 'External', external: { target: { type: 'AverageValue', averageValue: 30 } } },
          {
            type: 'ContainerResource',
            containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization' } },
          },
        ],
      },
    };
    expect(formatHpaMetrics(external)).toBe('<unknown>/30 (avg), cpu: <unknown>/<auto>');
    expect(formatHpaMetrics({ metadata: {}, spec: {} })).toBe('<none>');
    expect(hpaPrinter.cells({ metadata: { name: 'z' }, spec: {} }, now)[3]).toBe('<unset>');
  });
});
