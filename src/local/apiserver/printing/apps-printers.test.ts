import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../model/object.js';
import {
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from './apps-printers.js';

const now = new Date('2024-06-01T12:00:00Z');

// Flagger's kustomize-podinfo/deployment.yaml (container args trimmed), as stored after defaulting and scaling.
const PODINFO = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: podinfo
  namespace: test
  labels:
    app: podinfo
  creationTimestamp: "2024-05-27T12:00:00Z"
spec:
  replicas: 2
  minReadySeconds: 5
  revisionHistoryLimit: 5
  progressDeadlineSeconds: 60
  strategy:
    rollingUpdate:
      maxUnavailable: 1
    type: RollingUpdate
  selector:
    matchLabels:
      app: podinfo
  template:
    metadata:
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9797"
      labels:
        app: podinfo
    spec:
      containers:
      - name: podinfod
        image: ghcr.io/stefanprodan/podinfo:6.0.0
        imagePullPolicy: IfNotPresent
        ports:
        - name: http
          containerPort: 9898
          protocol: TCP
status:
  replicas: 2
  updatedReplicas: 2
  readyReplicas: 2
  availableReplicas: 2
`;

function headers(printer: { columns: readonly { name: string; priority: number }[] }): string[] {
  return printer.columns.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

const podinfo: KubeObject = parse(PODINFO);

describe('deploymentPrinter', () => {
  it('has the real columns', () => {
    expect(headers(deploymentPrinter)).toEqual([
      'Name',
      'Ready',
      'Up-to-date',
      'Available',
      'Age',
      '(Containers)',
      '(Images)',
      '(Selector)',
    ]);
  });

  it('prints the podinfo deployment with 2 of 2 ready', () => {
    expect(deploymentPrinter.cells(podinfo, now)).toEqual([
      'podinfo',
      '2/2',
      2,
      2,
      '5d',
      'podinfod',
      'ghcr.io/stefanprodan/podinfo:6.0.0',
      'app=podinfo',
    ]);
  });

  it('prints a scaling deployment without status yet', () => {
    const fresh: KubeObject = { ...podinfo, spec: { ...(podinfo.spec as object), replicas: 3 }, status: {} };
    expect(deploymentPrinter.cells(fresh, now).slice(1, 4)).toEqual(['0/3', 0, 0]);
  });
});

describe('replicaSetPrinter and daemonSetPrinter', () => {
  const template = (podinfo.spec as { template: unknown }).template;

  it('prints desired, current and ready counts for a replica set', () => {
    const rs: KubeObject = {
      metadata: { name: 'podinfo-5d8f9c6b5', creationTimestamp: '2024-06-01T11:58:00Z' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'podinfo', 'pod-template-hash': '5d8f9c6b5' } },
        template,
      },
      status: { replicas: 2, readyReplicas: 1 },
    };
    expect(headers(replicaSetPrinter)).toEqual([
      'Name',
      'Desired',
      'Current',
      'Ready',
      'Age',
      '(Containers)',
      '(Images)',
      '(Selector)',
    ]);
    expect(replicaSetPrinter.cells(rs, now)).toEqual([
      'podinfo-5d8f9c6b5',
      2,
      2,
      1,
      '2m',
      'podinfod',
      'ghcr.io/stefanprodan/podinfo:6.0.0',
      'app=podinfo,pod-template-hash=5d8f9c6b5',
    ]);
  });

  it('prints daemon set counts and the node selector', () => {
    const ds: KubeObject = {
      metadata: { name: 'agent', creationTimestamp: '2024-06-01T09:00:00Z' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              { name: 'a', image: 'x:1' },
              { name: 'b', image: 'y:2' },
            ],
          },
        },
      },
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 2,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
      },
    };
    expect(headers(daemonSetPrinter)).toEqual([
      'Name',
      'Desired',
      'Current',
      'Ready',
      'Up-to-date',
      'Available',
      'Node Selector',
      'Age',
      '(Containers)',
      '(Images)',
      '(Selector)',
    ]);
    expect(daemonSetPrinter.cells(ds, now)).toEqual([
      'agent',
      3,
      3,
      2,
      3,
      2,
      'kubernetes.io/os=linux',
      '3h',
      'a,b',
      'x:1,y:2',
      'app=agent',
    ]);
  });

  it('prints stateful set readiness', () => {
    const sts: KubeObject = {
      metadata: { name: 'db' },
      spec: { replicas: 3, template },
      status: { readyReplicas: 1 },
    };
    expect(headers(statefulSetPrinter)).toEqual(['Name', 'Ready', 'Age', '(Containers)', '(Images)']);
    expect(statefulSetPrinter.cells(sts, now)).toEqual([
      'db',
      '1/3',
      '<unknown>',
      'podinfod',
      'ghcr.io/stefanprodan/podinfo:6.0.0',
    ]);
  });
});
