import { describe, expect, it } from 'vitest';
import { customResourceFields, objectFields, supportedFieldLabels } from './object-fields.js';

describe('objectFields', () => {
  it('gives metadata fields for every kind', () => {
    expect(objectFields('apps', 'Deployment', { metadata: { name: 'podinfo', namespace: 'test' } })).toEqual({
      'metadata.name': 'podinfo',
      'metadata.namespace': 'test',
    });
    expect(supportedFieldLabels('flagger.app', 'Canary')).toEqual(['metadata.name', 'metadata.namespace']);
  });

  it('gives the Pod fields the real server supports', () => {
    const pod = {
      metadata: { name: 'p', namespace: 'test' },
      spec: {
        nodeName: 'node-1',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        serviceAccountName: 'sa',
      },
      status: { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.9' }, { ip: 'fd00::9' }] },
    };
    expect(objectFields('', 'Pod', pod)).toEqual({
      'metadata.name': 'p',
      'metadata.namespace': 'test',
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'sa',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.9',
      'status.nominatedNodeName': '',
    });
  });

  it('gives core/v1 Event fields, falling back to reportingComponent for source', () => {
    const event = {
      metadata: { name: 'podinfo.1', namespace: 'test' },
      involvedObject: {
        kind: 'Canary',
        namespace: 'test',
        name: 'podinfo',
        uid: 'u1',
        apiVersion: 'flagger.app/v1beta1',
      },
      reason: 'Synced',
      type: 'Normal',
      reportingComponent: 'flagger',
    };
    expect(objectFields('', 'Event', event)).toEqual({
      'metadata.name': 'podinfo.1',
      'metadata.namespace': 'test',
      'involvedObject.kind': 'Canary',
      'involvedObject.namespace': 'test',
      'involvedObject.name': 'podinfo',
      'involvedObject.uid': 'u1',
      'involvedObject.apiVersion': 'flagger.app/v1beta1',
      'involvedObject.resourceVersion': '',
      'involvedObject.fieldPath': '',
      reason: 'Synced',
      reportingComponent: 'flagger',
      source: 'flagger',
      type: 'Normal',
    });
    expect(objectFields('', 'Event', { ...event, source: { component: 'kubelet' } }).source).toBe('kubelet');
  });

  it('maps events.k8s.io Events to regarding.* and reportingController', () => {
    expect(supportedFieldLabels('events.k8s.io', 'Event')).toEqual([
      'metadata.name',
      'metadata.namespace',
      'regarding.kind',
      'regarding.namespace',
      'regarding.name',
      'regarding.uid',
      'regarding.apiVersion',
      'regarding.resourceVersion',
      'regarding.fieldPath',
      'reason',
      'reportingController',
      'type',
    ]);
    const fields = objectFields('events.k8s.io', 'Event', {
      metadata: { name: 'e' },
      regarding: { name: 'podinfo' },
      reportingController: 'flagger',
    });
    expect(fields['regarding.name']).toBe('podinfo');
    expect(fields.reportingController).toBe('flagger');
  });

  it('gives Secret type, Namespace phase and no metadata.namespace for Namespaces', () => {
    expect(objectFields('', 'Secret', { metadata: { name: 's', namespace: 'n' }, type: 'Opaque' }).type).toBe(
      'Opaque',
    );
    expect(
      objectFields('', 'Namespace', { metadata: { name: 'test' }, status: { phase: 'Active' } }),
    ).toEqual({
      'metadata.name': 'test',
      'status.phase': 'Active',
    });
    expect(
      objectFields('apps', 'ReplicaSet', { metadata: {}, status: { replicas: 3 } })['status.replicas'],
    ).toBe('3');
  });

  it('adds CRD selectableFields for custom resources', () => {
    expect(
      customResourceFields({ metadata: { name: 'c' }, spec: { provider: 'istio', suspend: true } }, [
        '.spec.provider',
        '.spec.suspend',
      ]),
    ).toEqual({
      'metadata.name': 'c',
      'metadata.namespace': '',
      'spec.provider': 'istio',
      'spec.suspend': 'true',
    });
  });
});
