import type { V1ConfigMap } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientNode, clientNode, failure } from '../../support/client-node.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

let api: TestApi;
let k: ClientNode;
const namespace = 'lists';
const count = 25;

const nameOf = (i: number): string => `cm-${String(i).padStart(2, '0')}`;

beforeAll(async () => {
  api = await startTestApi();
  k = clientNode(api.kubeconfig);
  for (const ns of [namespace, 'other']) await k.core.createNamespace({ body: { metadata: { name: ns } } });
  for (let i = 0; i < count; i++) {
    await k.core.createNamespacedConfigMap({
      namespace,
      body: {
        metadata: { name: nameOf(i), labels: { parity: i % 2 === 0 ? 'even' : 'odd', tier: `t${i % 3}` } },
      },
    });
  }
  await k.core.createNamespacedConfigMap({
    namespace: 'other',
    body: { metadata: { name: 'elsewhere', labels: { parity: 'even' } } },
  });
});
afterAll(() => api?.stop());

const names = (items: V1ConfigMap[]): string[] => items.map((c) => c.metadata?.name ?? '');

describe('client-node lists: selectors and paging', () => {
  it('filters by label selector (equality, set and existence)', async () => {
    const even = await k.core.listNamespacedConfigMap({ namespace, labelSelector: 'parity=even' });
    expect(even.items).toHaveLength(13);
    const set = await k.core.listNamespacedConfigMap({
      namespace,
      labelSelector: 'parity!=even,tier in (t0,t1)',
    });
    expect(names(set.items)).toEqual(
      Array.from({ length: count }, (_, i) => i)
        .filter((i) => i % 2 === 1 && i % 3 !== 2)
        .map(nameOf),
    );
    const missing = await k.core.listNamespacedConfigMap({ namespace, labelSelector: '!tier' });
    expect(missing.items).toEqual([]);
    const everywhere = await k.core.listConfigMapForAllNamespaces({ labelSelector: 'parity=even' });
    expect(everywhere.items.map((c) => c.metadata?.namespace)).toContain('other');
    expect(everywhere.items).toHaveLength(14);
  });

  it('filters by field selector and rejects unsupported fields', async () => {
    const one = await k.core.listConfigMapForAllNamespaces({ fieldSelector: 'metadata.name=cm-07' });
    expect(names(one.items)).toEqual(['cm-07']);
    const notHere = await k.core.listConfigMapForAllNamespaces({
      fieldSelector: `metadata.namespace!=${namespace}`,
    });
    expect(names(notHere.items)).toEqual(['elsewhere']);
    const bad = await failure(k.core.listNamespacedConfigMap({ namespace, fieldSelector: 'data.x=1' }));
    expect(bad.code).toBe(400);
    expect(bad.status.reason).toBe('BadRequest');
  });

  it('pages with limit and continue, every object exactly once and in order', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    let firstRv: string | undefined;
    do {
      const page = await k.core.listNamespacedConfigMap({
        namespace,
        limit: 10,
        ...(token ? { _continue: token } : {}),
      });
      pages++;
      seen.push(...names(page.items));
      firstRv ??= page.metadata?.resourceVersion;
      expect(page.metadata?.resourceVersion).toBe(firstRv);
      token = page.metadata?._continue || undefined;
      if (token) expect(page.metadata?.remainingItemCount).toBe(count - seen.length);
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: count }, (_, i) => nameOf(i)));
  });

  it('pages through a selection', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await k.core.listNamespacedConfigMap({
        namespace,
        labelSelector: 'parity=odd',
        limit: 5,
        ...(token ? { _continue: token } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...names(page.items));
      token = page.metadata?._continue || undefined;
    } while (token);
    expect(seen).toHaveLength(12);
    expect(seen.every((n) => Number(n.slice(3)) % 2 === 1)).toBe(true);
  });

  it('serves later pages from the first page snapshot, as etcd does', async () => {
    const ns = 'snapshot';
    await k.core.createNamespace({ body: { metadata: { name: ns } } });
    for (let i = 0; i < 6; i++) {
      await k.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: nameOf(i) } } });
    }
    const first = await k.core.listNamespacedConfigMap({ namespace: ns, limit: 2 });
    const snapshot = new Map(
      (await k.core.listNamespacedConfigMap({ namespace: ns })).items.map((c) => [
        c.metadata?.name,
        c.metadata?.resourceVersion,
      ]),
    );
    // Changes after the first page: none of them may show in the pages that follow.
    await k.core.deleteNamespacedConfigMap({ name: nameOf(4), namespace: ns });
    await k.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'cm-99' } } });
    await k.core.replaceNamespacedConfigMap({
      name: nameOf(3),
      namespace: ns,
      body: { metadata: { name: nameOf(3) }, data: { changed: 'yes' } },
    });
    await k.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'cm-00a' } } });

    const rest: V1ConfigMap[] = [];
    let token = first.metadata?._continue;
    while (token) {
      const page = await k.core.listNamespacedConfigMap({ namespace: ns, limit: 2, _continue: token });
      expect(page.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
      rest.push(...page.items);
      token = page.metadata?._continue || undefined;
    }
    const all = [...first.items, ...rest];
    expect(all.map((c) => [c.metadata?.name, c.metadata?.resourceVersion])).toEqual([...snapshot]);
    expect(rest.find((c) => c.metadata?.name === nameOf(3))?.data).toBeUndefined();
  });

  it('rejects a malformed continue token with 400', async () => {
    const bad = await failure(k.core.listNamespacedConfigMap({ namespace, limit: 5, _continue: 'garbage' }));
    expect(bad.code).toBe(400);
  });
});
