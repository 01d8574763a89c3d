import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/object.js';
import { eventPrinter } from './event-printer.js';

const now = new Date('2024-06-01T12:00:00Z');

describe('eventPrinter', () => {
  it('has the real columns: NAME comes last and only in wide output', () => {
    expect(eventPrinter.columns.map((c) => [c.name, c.priority, c.format])).toEqual([
      ['Last Seen', 0, ''],
      ['Type', 0, ''],
      ['Reason', 0, ''],
      ['Object', 0, ''],
      ['Subobject', 1, ''],
      ['Source', 1, ''],
      ['Message', 0, ''],
      ['First Seen', 1, ''],
      ['Count', 1, ''],
      ['Name', 1, 'name'],
    ]);
  });

  it('prints a core/v1 event Flagger records on a Canary', () => {
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: 'podinfo.17d2a1b3c4d5e6f7',
        namespace: 'test',
        creationTimestamp: '2024-06-01T11:50:00Z',
      },
      involvedObject: {
        apiVersion: 'flagger.app/v1beta1',
        kind: 'Canary',
        name: 'podinfo',
        namespace: 'test',
      },
      reason: 'Synced',
      message: 'Advance podinfo.test canary weight 10\n',
      source: { component: 'flagger' },
      firstTimestamp: '2024-06-01T11:50:00Z',
      lastTimestamp: '2024-06-01T11:58:00Z',
      count: 4,
      type: 'Normal',
    };
    expect(eventPrinter.cells(event, now)).toEqual([
      '2m',
      'Normal',
      'Synced',
      'canary/podinfo',
      '',
      'flagger',
      'Advance podinfo.test canary weight 10',
      '10m',
      4,
      'podinfo.17d2a1b3c4d5e6f7',
    ]);
  });

  it('prints an events.k8s.io/v1 event from its series, eventTime and reporting controller', () => {
    const event: KubeObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'podinfo-primary.1', namespace: 'test' },
      regarding: { kind: 'Deployment', name: 'podinfo-primary', fieldPath: 'spec.template' },
      note: 'Scaled up replica set podinfo-primary-5f4d to 2',
      reason: 'ScalingReplicaSet',
      type: 'Normal',
      reportingController: 'deployment-controller',
      reportingInstance: 'weir',
      eventTime: '2024-06-01T11:00:00.000000Z',
      series: { count: 3, lastObservedTime: '2024-06-01T11:59:30.123456Z' },
    };
    expect(eventPrinter.cells(event, now)).toEqual([
      '29s',
      'Normal',
      'ScalingReplicaSet',
      'deployment/podinfo-primary',
      'spec.template',
      'deployment-controller, weir',
      'Scaled up replica set podinfo-primary-5f4d to 2',
      '60m',
      3,
      'podinfo-primary.1',
    ]);
  });

  it('counts a singleton event once and falls back to the first timestamp', () => {
    const event: KubeObject = {
      metadata: { name: 'e' },
      involvedObject: { kind: 'Node' },
      type: 'Warning',
      reportingComponent: 'kubelet',
      firstTimestamp: '2024-06-01T11:00:00Z',
    };
    const cells = eventPrinter.cells(event, now);
    expect([cells[0], cells[3], cells[5], cells[7], cells[8]]).toEqual(['60m', 'node', 'kubelet', '60m', 1]);
  });
});
