import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { eventually } from '../../support/eventually.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

const configMaps = { apiVersion: 'v1', kind: 'ConfigMap' };
const cm = (name: string, data: Record<string, string> = {}) => ({
  ...configMaps,
  metadata: { name, namespace: 'default' },
  data,
});

describe('InformerCache and RestKubeClient against the local API server', () => {
  let api: TestApi;
  let kube: TestKube;
  const seen: string[] = [];

  beforeAll(async () => {
    api = await startTestApi({ inMemory: true, historySize: 5 });
    kube = testKube(api.kubeconfig);
    kube.cache.track<KubeObject & { data?: Record<string, string> }>(configMaps, {
      onAdd: (o) => seen.push(`add ${o.metadata.name}`),
      onUpdate: (_p, o) => seen.push(`update ${o.metadata.name} ${JSON.stringify(o.data)}`),
      onDelete: (o) => seen.push(`delete ${o.metadata.name}`),
    });
    await kube.cache.synced();
  });
  afterAll(async () => {
    kube.cache.stop();
    await api.stop();
  });

  it('sees its own writes at once, and others through the watch', async () => {
    await kube.client.create(cm('mine'));
    expect(kube.cache.get({ ...configMaps, namespace: 'default', name: 'mine' })).toBeDefined();
    await kube.raw.create(cm('theirs'));
    await eventually(() =>
      expect(kube.cache.get({ ...configMaps, namespace: 'default', name: 'theirs' })).toBeDefined(),
    );
    expect(seen).toContain('add mine');
    expect(seen).toContain('add theirs');
  });

  it('answers 404 as undefined, 409 as a typed conflict', async () => {
    expect(await kube.raw.get({ ...configMaps, namespace: 'default', name: 'nope' })).toBeUndefined();
    const current = await kube.raw.get<KubeObject>({ ...configMaps, namespace: 'default', name: 'mine' });
    await kube.raw.replace({ ...current!, data: { a: '1' } } as KubeObject);
    await expect(kube.raw.replace({ ...current!, data: { a: '2' } } as KubeObject)).rejects.toMatchObject({
      code: 409,
      reason: 'Conflict',
    });
  });

  it('resumes after a cut stream without missing a change, and relists after 410', async () => {
    api.server.watches.cutAll();
    await kube.raw.patch(
      { ...configMaps, namespace: 'default', name: 'theirs' },
      { data: { k: 'after-cut' } },
      'application/merge-patch+json',
    );
    await eventually(() => expect(seen).toContain('update theirs {"k":"after-cut"}'));
    // More changes than the server keeps while nobody watches: the informer must relist.
    api.server.watches.cutAll();
    for (let i = 0; i < 8; i++) await kube.raw.create(cm(`burst-${i}`));
    await kube.raw.delete({ ...configMaps, namespace: 'default', name: 'mine' });
    await eventually(() => {
      const names = kube.cache
        .list(configMaps, 'default')
        .map((o) => o.metadata.name)
        .sort();
      expect(names).toEqual([
        'burst-0',
        'burst-1',
        'burst-2',
        'burst-3',
        'burst-4',
        'burst-5',
        'burst-6',
        'burst-7',
        'theirs',
      ]);
    });
    expect(seen).toContain('delete mine');
  });
});
