import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../model/object.js';
import { builtinPatchSchema } from './patch-schema.js';
import { strategicMergePatch } from './strategic-merge.js';

const podSchema = builtinPatchSchema('', 'Pod');
const serviceSchema = builtinPatchSchema('', 'Service');
const configMapSchema = builtinPatchSchema('', 'ConfigMap');

function pod(containers: JsonValue[], status?: JsonObject): JsonObject {
  const object: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers } };
  if (status) object.status = status;
  return object;
}

function configMap(finalizers?: string[]): JsonObject {
  const metadata: JsonObject = { name: 'cm', namespace: 'default' };
  if (finalizers) metadata.finalizers = finalizers;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { key: 'value' } };
}

function service(ports: JsonValue[], selector: JsonObject = { app: 'podinfo', tier: 'web' }): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.15', selector, ports },
  };
}

const http = { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 };
const https = { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 };

describe('strategicMergePatch on merged lists', () => {
  it('removes a finalizer with $deleteFromPrimitiveList and keeps the $setElementOrder order', () => {
    const patch = {
      metadata: {
        '$deleteFromPrimitiveList/finalizers': ['example.com/a'],
        '$setElementOrder/finalizers': ['example.com/c', 'example.com/b'],
      },
    };
    const original = configMap(['example.com/a', 'example.com/b', 'example.com/c']);
    expect(strategicMergePatch(original, patch, configMapSchema)).toEqual(
      configMap(['example.com/c', 'example.com/b']),
    );
  });

  it('treats $deleteFromPrimitiveList on a missing list as a no-op (k8s >= 1.23)', () => {
    const patch = { metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/a'] } };
    expect(strategicMergePatch(configMap(), patch, configMapSchema)).toEqual(configMap());
  });

  it('unions primitive merge lists: new values go before server-only ones unless anchored', () => {
    const original = configMap(['example.com/a', 'example.com/b']);
    const onlyNew = { metadata: { finalizers: ['example.com/z'] } };
    expect(strategicMergePatch(original, onlyNew, configMapSchema)).toEqual(
      configMap(['example.com/z', 'example.com/a', 'example.com/b']),
    );
    const anchored = { metadata: { finalizers: ['example.com/b', 'example.com/z'] } };
    expect(strategicMergePatch(original, anchored, configMapSchema)).toEqual(
      configMap(['example.com/a', 'example.com/b', 'example.com/z']),
    );
  });

  it('merges service ports by port and deletes one with $patch: delete', () => {
    const changed = {
      spec: {
        '$setElementOrder/ports': [{ port: 80 }, { port: 443 }],
        ports: [{ port: 443, targetPort: 9443 }],
      },
    };
    expect(strategicMergePatch(service([http, https]), changed, serviceSchema)).toEqual(
      service([http, { ...https, targetPort: 9443 }]),
    );
    const removed = { spec: { ports: [{ $patch: 'delete', port: 80 }] } };
    expect(strategicMergePatch(service([http, https]), removed, serviceSchema)).toEqual(service([https]));
  });

  it('replaces a map with $patch: replace', () => {
    const patch = { spec: { selector: { $patch: 'replace', app: 'podinfo-v2' } } };
    expect(strategicMergePatch(service([http]), patch, serviceSchema)).toEqual(
      service([http], { app: 'podinfo-v2' }),
    );
  });

  it('replaces a merge list with a {"$patch":"replace"} element', () => {
    const patch = { spec: { containers: [{ $patch: 'replace' }, { name: 'nginx', image: 'nginx:1.27' }] } };
    const original = pod([
      { name: 'a', image: 'a:1' },
      { name: 'b', image: 'b:1' },
    ]);
    expect(strategicMergePatch(original, patch, podSchema)).toEqual(
      pod([{ name: 'nginx', image: 'nginx:1.27' }]),
    );
  });

  it('orders by $setElementOrder while server-only items keep their place', () => {
    const a = { name: 'a', image: 'a:1' };
    const injected = { name: 'istio-proxy', image: 'proxy:1' };
    const b = { name: 'b', image: 'b:1' };
    const patch = { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } };
    expect(strategicMergePatch(pod([a, injected, b]), patch, podSchema)).toEqual(pod([injected, b, a]));
  });

  it('inserts a new item where $setElementOrder puts it', () => {
    const a = { name: 'a', image: 'a:1' };
    const b = { name: 'b', image: 'b:1' };
    const patch = {
      spec: {
        '$setElementOrder/containers': [{ name: 'a' }, { name: 'x' }, { name: 'b' }],
        containers: [{ name: 'x', image: 'x:1' }],
      },
    };
    expect(strategicMergePatch(pod([a, b]), patch, podSchema)).toEqual(
      pod([a, { name: 'x', image: 'x:1' }, b]),
    );
  });

  it('merges pod status conditions by type (the kubelet status patch)', () => {
    const initialized = { type: 'Initialized', status: 'True' };
    const status = { phase: 'Pending', conditions: [initialized, { type: 'Ready', status: 'False' }] };
    const patch = {
      status: {
        '$setElementOrder/conditions': [{ type: 'Initialized' }, { type: 'Ready' }],
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-09-12T10:15:00Z' }],
        phase: 'Running',
      },
    };
    const containers = [{ name: 'a', image: 'a:1' }];
    expect(strategicMergePatch(pod(containers, status), patch, podSchema)).toEqual(
      pod(containers, {
        phase: 'Running',
        conditions: [
          initialized,
          { type: 'Ready', status: 'True', lastTransitionTime: '2024-09-12T10:15:00Z' },
        ],
      }),
    );
  });

  it('replaces lists that have no merge strategy (tolerations, args)', () => {
    const original = pod([{ name: 'a', image: 'a:1', args: ['--x', '--y'] }]);
    (original.spec as JsonObject).tolerations = [{ key: 'k', operator: 'Exists' }];
    const patch = {
      spec: {
        tolerations: [{ key: 'other', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [{ name: 'a', args: ['--z'] }],
      },
    };
    const expected = pod([{ name: 'a', image: 'a:1', args: ['--z'] }]);
    (expected.spec as JsonObject).tolerations = [{ key: 'other', operator: 'Exists', effect: 'NoSchedule' }];
    expect(strategicMergePatch(original, patch, podSchema)).toEqual(expected);
  });

  it('creates a missing list from the patch, dropping directives the typed decode would drop', () => {
    const patch = {
      spec: {
        containers: [
          { name: 'a', '$setElementOrder/env': [{ name: 'E' }], env: [{ name: 'E', value: '1' }] },
        ],
      },
    };
    const original: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} };
    expect(strategicMergePatch(original, patch, podSchema)).toEqual(
      pod([{ name: 'a', env: [{ name: 'E', value: '1' }] }]),
    );
  });
});
