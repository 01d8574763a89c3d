import { describe, expect, it } from 'vitest';
import { testCore } from '../../../../test/support/core.js';
import { ApiError } from '../model/api-error.js';

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

const deployment = (name: string, image = 'ghcr.io/stefanprodan/podinfo:6.0.0') => ({
  kind: 'Deployment',
  metadata: { name, namespace: 'test', labels: { app: name } },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
  },
});

describe('ResourceService create', () => {
  it('fills server fields, defaults and generateName', () => {
    const core = testCore();
    core.create('v1', 'namespaces', { metadata: { name: 'test' } });
    const created = core.create('v1', 'configmaps', {
      metadata: { generateName: 'cfg-', namespace: 'test' },
    });
    expect(created.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toBe('2026-03-01T12:00:00Z');
    const dep = core.create('apps/v1', 'deployments', deployment('podinfo'));
    expect(dep.metadata.generation).toBe(1);
    expect(dep.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    });
    expect(dep.status).toEqual({});
  });

  it('refuses objects in a missing namespace, duplicates and bad names with the real reasons', () => {
    const core = testCore();
    const type = core.type('v1', 'configmaps');
    expect(
      apiError(() => core.resources.create(type, 'nope', { metadata: { name: 'a' } })).toStatus(),
    ).toMatchObject({
      reason: 'NotFound',
      code: 404,
      message: 'namespaces "nope" not found',
    });
    core.resources.create(type, 'default', { metadata: { name: 'a' } });
    expect(
      apiError(() => core.resources.create(type, 'default', { metadata: { name: 'a' } })).toStatus(),
    ).toMatchObject({
      reason: 'AlreadyExists',
      code: 409,
      message: 'configmaps "a" already exists',
      details: { name: 'a', kind: 'configmaps' },
    });
    const bad = apiError(() =>
      core.resources.create(type, 'default', { metadata: { name: 'Bad_Name' } }),
    ).toStatus();
    expect(bad.code).toBe(422);
    expect(bad.details?.causes?.[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
  });

  it('allocates distinct ClusterIPs and keeps them across updates', () => {
    const core = testCore();
    const type = core.type('v1', 'services');
    const svc = (name: string) => ({
      metadata: { name },
      spec: { selector: { app: name }, ports: [{ port: 9898 }] },
    });
    const a = core.resources.create(type, 'default', svc('a'));
    const b = core.resources.create(type, 'default', svc('b'));
    const ipA = (a.spec as { clusterIP: string }).clusterIP;
    expect(ipA).toMatch(/^10\.96\.\d+\.\d+$/);
    expect((b.spec as { clusterIP: string }).clusterIP).not.toBe(ipA);
    expect((a.spec as { ports: unknown }).ports).toEqual([{ port: 9898, protocol: 'TCP', targetPort: 9898 }]);
    const updated = core.resources.update(type, 'default', 'a', {
      ...svc('a'),
      metadata: { name: 'a', resourceVersion: a.metadata.resourceVersion },
    });
    expect((updated.spec as { clusterIP: string }).clusterIP).toBe(ipA);
  });
});

describe('ResourceService update', () => {
  it('answers 409 on a stale resourceVersion and accepts the current one', () => {
    const core = testCore();
    const type = core.type('v1', 'configmaps');
    const v1 = core.resources.create(type, 'default', { metadata: { name: 'a' }, data: { k: '1' } });
    core.resources.update(type, 'default', 'a', {
      metadata: { name: 'a', resourceVersion: v1.metadata.resourceVersion },
      data: { k: '2' },
    });
    const stale = apiError(() =>
      core.resources.update(type, 'default', 'a', {
        metadata: { name: 'a', resourceVersion: v1.metadata.resourceVersion },
        data: { k: '3' },
      }),
    );
    expect(stale.toStatus()).toMatchObject({
      reason: 'Conflict',
      code: 409,
      message:
        'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('bumps generation on spec changes only, and keeps status out of main writes', () => {
    const core = testCore();
    core.create('v1', 'namespaces', { metadata: { name: 'test' } });
    const type = core.type('apps/v1', 'deployments');
    const created = core.create('apps/v1', 'deployments', deployment('podinfo'));
    const withStatus = core.resources.update(
      type,
      'test',
      'podinfo',
      { ...created, status: { replicas: 3, observedGeneration: 1 } },
      { subresource: 'status' },
    );
    expect(withStatus.metadata.generation).toBe(1);
    expect(withStatus.status).toEqual({ replicas: 3, observedGeneration: 1 });
    const labelled = core.resources.update(type, 'test', 'podinfo', {
      ...withStatus,
      metadata: { ...withStatus.metadata, labels: { app: 'podinfo', x: 'y' } },
      status: { replicas: 99 },
    });
    expect(labelled.metadata.generation).toBe(1);
    expect(labelled.status).toEqual({ replicas: 3, observedGeneration: 1 });
    const newImage = deployment('podinfo', 'ghcr.io/stefanprodan/podinfo:6.0.1');
    const bumped = core.resources.update(type, 'test', 'podinfo', {
      ...newImage,
      metadata: { ...newImage.metadata, resourceVersion: labelled.metadata.resourceVersion },
    });
    expect(bumped.metadata.generation).toBe(2);
    // A status write carrying a different spec changes nothing but status.
    const statusOnly = core.resources.update(
      type,
      'test',
      'podinfo',
      { ...deployment('podinfo', 'other:1'), status: { replicas: 1 } },
      { subresource: 'status' },
    );
    expect(
      (statusOnly.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
        .containers[0]?.image,
    ).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
  });

  it('does not bump resourceVersion for an update that changes nothing', () => {
    const core = testCore();
    const type = core.type('v1', 'configmaps');
    const v1 = core.resources.create(type, 'default', { metadata: { name: 'a' }, data: { k: '1' } });
    const same = core.resources.update(type, 'default', 'a', {
      metadata: { name: 'a', resourceVersion: v1.metadata.resourceVersion },
      data: { k: '1' },
    });
    expect(same.metadata.resourceVersion).toBe(v1.metadata.resourceVersion);
  });

  it('deletes an object once its last finalizer is removed, and forbids new finalizers while deleting', () => {
    const core = testCore();
    const type = core.type('v1', 'configmaps');
    core.resources.create(type, 'default', { metadata: { name: 'a', finalizers: ['example.com/hold'] } });
    const marked = core.deletion.delete(type, 'default', 'a');
    expect(marked.pending).toBe(true);
    expect(marked.object.metadata.deletionTimestamp).toBe('2026-03-01T12:00:00Z');
    const more = apiError(() =>
      core.resources.update(type, 'default', 'a', {
        ...marked.object,
        metadata: { ...marked.object.metadata, finalizers: ['example.com/hold', 'example.com/other'] },
      }),
    );
    expect(more.code).toBe(422);
    expect(more.message).toContain('no new finalizers can be added if the object is being deleted');
    core.resources.update(type, 'default', 'a', {
      ...marked.object,
      metadata: { ...marked.object.metadata, finalizers: [] },
    });
    expect(core.resources.stored(type, 'default', 'a')).toBeUndefined();
  });

  it('validates deployments: selector must match the template', () => {
    const core = testCore();
    core.create('v1', 'namespaces', { metadata: { name: 'test' } });
    const bad = deployment('podinfo');
    bad.spec.template.metadata.labels = { app: 'other' };
    const error = apiError(() => core.create('apps/v1', 'deployments', bad));
    expect(error.message).toBe(
      'Deployment.apps "podinfo" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`',
    );
  });
});
