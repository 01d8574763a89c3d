import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/object.js';
import { podPrinter } from './pod-printer.js';

const now = new Date('2024-06-01T12:00:00Z');

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, deleting = false): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'podinfo-7d8f9c6b5-x2k4p',
      namespace: 'test',
      creationTimestamp: '2024-05-27T12:00:00Z',
      ...(deleting ? { deletionTimestamp: '2024-06-01T11:59:50Z' } : {}),
    },
    spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' }], ...spec },
    status,
  };
}

const running = { running: { startedAt: '2024-05-27T12:00:10Z' } };

describe('podPrinter', () => {
  it('has the real columns, IP to READINESS GATES only in wide output', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ]);
  });

  it('prints a running podinfo pod', () => {
    const p = pod(
      { nodeName: 'weir-control-plane' },
      {
        phase: 'Running',
        podIP: '10.244.0.5',
        podIPs: [{ ip: '10.244.0.5' }],
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [{ name: 'podinfod', ready: true, restartCount: 0, state: running }],
      },
    );
    expect(podPrinter.cells(p, now)).toEqual([
      'podinfo-7d8f9c6b5-x2k4p',
      '1/1',
      'Running',
      '0',
      '5d',
      '10.244.0.5',
      'weir-control-plane',
      '<none>',
      '<none>',
    ]);
    expect(podPrinter.conditions?.(p)).toBeUndefined();
  });

  it('shows the waiting reason and when the last restart happened', () => {
    const p = pod(
      {},
      {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'podinfod',
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: '2024-06-01T11:57:00Z' } },
          },
        ],
      },
    );
    expect(podPrinter.cells(p, now).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '5 (3m ago)']);
  });

  it.each([
    [{ state: { waiting: { reason: 'PodInitializing' } } }, 'Init:0/1'],
    [{ state: { waiting: { reason: 'ImagePullBackOff' } } }, 'Init:ImagePullBackOff'],
    [{ state: { terminated: { exitCode: 2 } } }, 'Init:ExitCode:2'],
    [{ state: { terminated: { exitCode: 137, signal: 9 } } }, 'Init:Signal:9'],
    [{ state: { terminated: { exitCode: 1, reason: 'Error' } } }, 'Init:Error'],
  ])('reports init container state %j as %s', (initStatus, reason) => {
    const p = pod(
      { initContainers: [{ name: 'init' }] },
      { phase: 'Pending', initContainerStatuses: [{ name: 'init', restartCount: 0, ...initStatus }] },
    );
    expect(podPrinter.cells(p, now)[2]).toBe(reason);
  });

  it('counts started sidecars (restartable init containers) as containers', () => {
    const p = pod(
      { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          { name: 'proxy', ready: true, started: true, restartCount: 1, state: running },
        ],
        containerStatuses: [{ name: 'podinfod', ready: true, restartCount: 0, state: running }],
      },
    );
    expect(podPrinter.cells(p, now).slice(1, 4)).toEqual(['2/2', 'Running', '1']);
  });

  it('reports NotReady when a container completed while another still runs', () => {
    const p = pod(
      { containers: [{ name: 'job' }, { name: 'sidecar' }] },
      {
        phase: 'Running',
        containerStatuses: [
          { name: 'job', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'sidecar', ready: true, state: running },
        ],
      },
    );
    expect(podPrinter.cells(p, now).slice(1, 3)).toEqual(['1/2', 'NotReady']);
  });

  it('prints Terminating, SchedulingGated and readiness gates', () => {
    const deleting = pod({}, { phase: 'Running' }, true);
    expect(podPrinter.cells(deleting, now)[2]).toBe('Terminating');
    const gated = pod(
      {},
      {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      },
    );
    expect(podPrinter.cells(gated, now)[2]).toBe('SchedulingGated');
    const gates = pod(
      { readinessGates: [{ conditionType: 'example.com/a' }, { conditionType: 'example.com/b' }] },
      { phase: 'Running', conditions: [{ type: 'example.com/a', status: 'True' }] },
    );
    expect(podPrinter.cells(gates, now)[8]).toBe('1/2');
  });

  it('marks failed pods Completed in the row conditions', () => {
    const p = pod({}, { phase: 'Failed', reason: 'Evicted' });
    expect(podPrinter.cells(p, now)[2]).toBe('Evicted');
    expect(podPrinter.conditions?.(p)).toEqual([
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
  });
});
