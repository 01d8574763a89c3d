import { type Informer, makeInformer, PatchStrategy, type V1ConfigMap } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientNode, clientNode, patchAs } from '../../support/client-node.js';
import { eventually } from '../../support/eventually.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

const namespace = 'inf';
let api: TestApi | undefined;
let informer: Informer<V1ConfigMap> | undefined;

afterEach(async () => {
  await informer?.stop();
  informer = undefined;
  await api?.stop();
  api = undefined;
});

/** A running informer on the configmaps of one namespace, with what it reported. */
interface Watched {
  k: ClientNode;
  informer: Informer<V1ConfigMap>;
  events: string[];
  errors: unknown[];
  /** How many times the informer listed (1 = never relisted). */
  lists: () => number;
  cache: () => Record<string, string>;
}

async function watchConfigMaps(test: TestApi, labelSelector?: string): Promise<Watched> {
  const k = clientNode(test.kubeconfig);
  await k.core.createNamespace({ body: { metadata: { name: namespace } } });
  let lists = 0;
  const watched = makeInformer(
    k.kc,
    `/api/v1/namespaces/${namespace}/configmaps`,
    () => {
      lists++;
      return k.core.listNamespacedConfigMap({ namespace, ...(labelSelector ? { labelSelector } : {}) });
    },
    labelSelector,
  );
  informer = watched;
  const events: string[] = [];
  const errors: unknown[] = [];
  const record = (verb: string) => (cm: V1ConfigMap) =>
    events.push(`${verb} ${cm.metadata?.name} ${JSON.stringify(cm.data ?? {})}`);
  watched.on('add', record('add'));
  watched.on('update', record('update'));
  watched.on('delete', record('delete'));
  watched.on('error', (e) => errors.push(e));
  await watched.start();
  await eventually(() => expect(test.server.watches.size).toBe(1));
  return {
    k,
    informer: watched,
    events,
    errors,
    lists: () => lists,
    cache: () =>
      Object.fromEntries(watched.list(namespace).map((c) => [c.metadata?.name, c.metadata?.resourceVersion])),
  };
}

/** The server's configmaps in the namespace, name → resourceVersion. */
async function serverState(k: ClientNode): Promise<Record<string, string | undefined>> {
  const list = await k.core.listNamespacedConfigMap({ namespace });
  return Object.fromEntries(list.items.map((c) => [c.metadata?.name, c.metadata?.resourceVersion]));
}

/**
 * Cuts every watch stream and holds re-watches back (a latency fault on `watch` only), so that what
 * `during` does happens while the informer is reconnecting.
 */
async function whileDisconnected(test: TestApi, during: () => Promise<void>): Promise<void> {
  test.server.faults.set({ latencyMs: 1_000, verbs: ['watch'] });
  const cut = await fetch(`${test.server.url}/weir/faults/cut-watches`, { method: 'POST' });
  expect(await cut.json()).toEqual({ cut: 1 });
  await during();
  expect(test.server.watches.size).toBe(0);
  test.server.faults.clear();
}

describe('client-node informer', () => {
  it('sees adds, updates and deletes', async () => {
    api = await startTestApi({ inMemory: true });
    const w = await watchConfigMaps(api);
    await w.k.core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'a' }, data: { v: '1' } },
    });
    await w.k.core.replaceNamespacedConfigMap({
      name: 'a',
      namespace,
      body: { metadata: { name: 'a' }, data: { v: '2' } },
    });
    await w.k.core.deleteNamespacedConfigMap({ name: 'a', namespace });
    await eventually(() =>
      expect(w.events).toEqual(['add a {"v":"1"}', 'update a {"v":"2"}', 'delete a {"v":"2"}']),
    );
    expect(w.cache()).toEqual({});
    expect(w.errors).toEqual([]);
  });

  it('with a label selector, sees objects labelled in as adds and labelled out as deletes', async () => {
    api = await startTestApi({ inMemory: true });
    const w = await watchConfigMaps(api, 'app=web');
    const label = async (name: string, app: string) =>
      w.k.core.patchNamespacedConfigMap(
        { name, namespace, body: { metadata: { labels: { app } } } },
        patchAs(PatchStrategy.MergePatch),
      );
    await w.k.core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'a', labels: { app: 'web' } } },
    });
    await w.k.core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'b', labels: { app: 'db' } } },
    });
    await label('a', 'api');
    await label('b', 'web');
    await eventually(() => expect(w.events).toEqual(['add a {}', 'delete a {}', 'add b {}']));
    expect(Object.keys(w.cache())).toEqual(['b']);
  });

  it('resumes a cut watch from its resourceVersion without missing a change', async () => {
    api = await startTestApi({ inMemory: true });
    const w = await watchConfigMaps(api);
    await w.k.core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'a' }, data: { v: '1' } },
    });
    await eventually(() => expect(w.events).toEqual(['add a {"v":"1"}']));

    const test = api;
    await whileDisconnected(test, async () => {
      await w.k.core.patchNamespacedConfigMap({
        name: 'a',
        namespace,
        body: [{ op: 'replace', path: '/data/v', value: '2' }],
      });
      await w.k.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'b' } } });
    });

    await eventually(() => expect(w.events).toEqual(['add a {"v":"1"}', 'update a {"v":"2"}', 'add b {}']));
    await eventually(() => expect(test.server.watches.size).toBe(1));
    expect(w.lists()).toBe(1);
    expect(w.cache()).toEqual(await serverState(w.k));
    expect(w.errors).toEqual([]);
  });

  it('relists after 410 Expired when its resourceVersion fell out of the history', async () => {
    api = await startTestApi({ inMemory: true, historySize: 5 });
    const w = await watchConfigMaps(api);
    for (const name of ['keep', 'gone']) {
      await w.k.core.createNamespacedConfigMap({ namespace, body: { metadata: { name } } });
    }
    await eventually(() => expect(Object.keys(w.cache()).sort()).toEqual(['gone', 'keep']));

    await whileDisconnected(api, async () => {
      await w.k.core.deleteNamespacedConfigMap({ name: 'gone', namespace });
      for (let i = 0; i < 8; i++) {
        await w.k.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: `new-${i}` } } });
      }
      await w.k.core.patchNamespacedConfigMap({
        name: 'keep',
        namespace,
        body: [{ op: 'add', path: '/data', value: { v: 'changed' } }],
      });
    });

    const expected = await serverState(w.k);
    expect(Object.keys(expected)).toHaveLength(9);
    await eventually(() => expect(w.cache()).toEqual(expected));
    expect(w.lists()).toBe(2);
    expect(w.events).toContain('delete gone {}');
    expect(w.events).toContain('update keep {"v":"changed"}');
    expect(w.events.filter((e) => e.startsWith('add new-'))).toHaveLength(8);
    expect(w.errors).toEqual([]);
    // It watches again, from the relisted resourceVersion, and keeps up.
    await w.k.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'after' } } });
    await eventually(() => expect(w.cache()).toEqual({ ...expected, after: expect.any(String) }));
  });
});
