import { describe, expect, it } from 'vitest';
import type { Canary } from '../../apis/index.js';
import type { PodSpec } from '../../kube/api/core-v1.js';
import type { ClusterReader } from '../../kube/cluster-reader.js';
import type { KubeClient } from '../../kube/kube-client.js';
import { type KubeObject, keyOf, type ObjectRef, type TypeRef } from '../../kube/kube-object.js';
import { MemoryLogger } from '../../platform/logger.js';
import { TargetError } from '../workload-target.js';
import { configChecksum } from './config-checksum.js';
import { type ConfigObject, primaryConfigCopy } from './config-objects.js';
import { ConfigTracker, configsChecksum } from './config-tracker.js';

/** A ClusterReader over a fixed set of objects (what an informer cache would hold). */
function reader(objects: KubeObject[]): ClusterReader {
  const key = (t: TypeRef, o: { name: string; namespace?: string }) =>
    `${t.apiVersion}/${t.kind}/${keyOf(o)}`;
  const byKey = new Map(objects.map((o) => [key(o, o.metadata), o]));
  return {
    get: <T extends KubeObject>(ref: ObjectRef) => byKey.get(key(ref, ref)) as T | undefined,
    list: <T extends KubeObject>(type: TypeRef) =>
      objects.filter((o) => o.apiVersion === type.apiVersion && o.kind === type.kind) as T[],
  };
}

const canary = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test', uid: 'canary-uid' },
  spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' } },
} as unknown as Canary;

const configMap = (name: string, data: Record<string, string>, annotations?: Record<string, string>) =>
  ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'test', ...(annotations ? { annotations } : {}) },
    data,
  }) as ConfigObject;

const secret = (name: string, type?: string) =>
  ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'test' },
    ...(type ? { type } : {}),
    data: { user: 'YWRtaW4=' },
  }) as ConfigObject;

function podSpec(...envFrom: Record<string, unknown>[]): PodSpec {
  return { containers: [{ name: 'podinfod', envFrom }] };
}

function tracker(objects: KubeObject[], logger = new MemoryLogger()): ConfigTracker {
  return new ConfigTracker({
    client: {} as KubeClient,
    cache: reader(objects),
    includeLabelPrefix: [],
    logger,
  });
}

describe('ConfigTracker.tracked (status.trackedConfigs)', () => {
  it('maps configmap/<name> and secret/<name> to the checksum of their data', () => {
    const spec = podSpec({ configMapRef: { name: 'env' } }, { secretRef: { name: 'creds' } });
    expect(tracker([configMap('env', { color: 'blue' }), secret('creds')]).tracked(canary, spec)).toEqual({
      'configmap/env': configChecksum({ color: 'blue' }),
      'secret/creds': configChecksum({ user: 'YWRtaW4=' }),
    });
  });

  it('ignores configs opted out with flagger.app/config-tracking: disabled…', () => {
    const spec = podSpec({ configMapRef: { name: 'off' } }, { configMapRef: { name: 'on' } });
    const objects = [
      configMap('off', { a: '1' }, { 'flagger.app/config-tracking': 'disabled' }),
      configMap('on', { a: '1' }, { 'flagger.app/config-tracking': 'enabled' }),
    ];
    expect(Object.keys(tracker(objects).tracked(canary, spec))).toEqual(['configmap/on']);
  });

  it('…and Secrets of types Flagger does not track (registry credentials, tokens)', () => {
    const names = ['opaque', 'untyped', 'basic', 'ssh', 'tls', 'registry', 'token'];
    const spec = podSpec(...names.map((name) => ({ secretRef: { name } })));
    const objects = [
      secret('opaque', 'Opaque'),
      secret('untyped'),
      secret('basic', 'kubernetes.io/basic-auth'),
      secret('ssh', 'kubernetes.io/ssh-auth'),
      secret('tls', 'kubernetes.io/tls'),
      secret('registry', 'kubernetes.io/dockerconfigjson'),
      secret('token', 'kubernetes.io/service-account-token'),
    ];
    expect(Object.keys(tracker(objects).tracked(canary, spec))).toEqual([
      'secret/basic',
      'secret/opaque',
      'secret/ssh',
      'secret/tls',
      'secret/untyped',
    ]);
  });

  it('skips a missing optional config, saying so at debug level', () => {
    const logger = new MemoryLogger();
    const spec = podSpec({ configMapRef: { name: 'maybe', optional: true } });
    expect(tracker([], logger).tracked(canary, spec)).toEqual({});
    expect(logger.lines.map((l) => `${l.level} ${l.msg}`)).toEqual([
      'debug configmap maybe.test get query error: configmaps "maybe" not found',
    ]);
  });

  it('fails with a typed error on a missing mandatory config', () => {
    const spec = podSpec({ secretRef: { name: 'needed' } });
    const run = () => tracker([]).tracked(canary, spec);
    expect(run).toThrow(TargetError);
    expect(run).toThrow('secret needed.test get query error: secrets "needed" not found');
  });
});

describe('configsChecksum (the revision part for configs)', () => {
  it('is empty without tracked configs and follows any checksum', () => {
    expect(configsChecksum({})).toBe('');
    expect(configsChecksum({ 'configmap/a': '1' })).not.toBe(configsChecksum({ 'configmap/a': '2' }));
  });
});

describe('primaryConfigCopy (Flagger CreatePrimaryConfigs)', () => {
  it('copies data and type, filters labels, owns the copy and keeps other owners as non-controllers', () => {
    const source = {
      ...secret('creds', 'kubernetes.io/basic-auth'),
      metadata: {
        name: 'creds',
        namespace: 'test',
        labels: { 'app.kubernetes.io/name': 'podinfo', team: 'a' },
      },
    } as ConfigObject;
    const existing = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'creds-primary',
        namespace: 'test',
        resourceVersion: '7',
        ownerReferences: [
          {
            apiVersion: 'flagger.app/v1beta1',
            kind: 'Canary',
            name: 'other',
            uid: 'other-uid',
            controller: true,
          },
          {
            apiVersion: 'flagger.app/v1beta1',
            kind: 'Canary',
            name: 'podinfo',
            uid: 'canary-uid',
            controller: false,
          },
        ],
      },
      type: 'kubernetes.io/basic-auth',
      data: { user: 'b2xk' },
    } as ConfigObject;
    expect(primaryConfigCopy(canary, source, existing, ['app.kubernetes.io/'])).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'creds-primary',
        namespace: 'test',
        resourceVersion: '7',
        labels: { 'app.kubernetes.io/name': 'podinfo' },
        ownerReferences: [
          {
            apiVersion: 'flagger.app/v1beta1',
            kind: 'Canary',
            name: 'podinfo',
            uid: 'canary-uid',
            controller: true,
            blockOwnerDeletion: true,
          },
          {
            apiVersion: 'flagger.app/v1beta1',
            kind: 'Canary',
            name: 'other',
            uid: 'other-uid',
            controller: false,
          },
        ],
      },
      type: 'kubernetes.io/basic-auth',
      data: { user: 'YWRtaW4=' },
    });
  });

  it('copies binaryData of a ConfigMap too', () => {
    const source = { ...configMap('env', { a: '1' }), binaryData: { logo: 'iVBORw0=' } } as ConfigObject;
    expect(primaryConfigCopy(canary, source, undefined, [])).toMatchObject({
      metadata: { name: 'env-primary', namespace: 'test' },
      data: { a: '1' },
      binaryData: { logo: 'iVBORw0=' },
    });
  });
});
