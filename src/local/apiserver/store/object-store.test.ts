import { describe, expect, it } from 'vitest';
import { ObjectStore } from './object-store.js';

const cm = (name: string, ns = 'default', data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data,
});

describe('ObjectStore', () => {
  it('stamps every change with the next resourceVersion, across resources', () => {
    const store = new ObjectStore();
    const a = store.put('configmaps', cm('a'));
    const b = store.put('secrets', cm('b'));
    const a2 = store.put('configmaps', cm('a', 'default', { k: 'v' }));
    const gone = store.remove('configmaps', 'default', 'a');
    expect([a, b, a2, gone].map((o) => o?.metadata.resourceVersion)).toEqual(['1', '2', '3', '4']);
    expect(store.get('configmaps', 'default', 'a')).toBeUndefined();
    expect(store.resourceVersion).toBe(4);
  });

  it('never mutates what it stored', () => {
    const store = new ObjectStore();
    const input = cm('a');
    const stored = store.put('configmaps', input);
    expect(input.metadata).toEqual({ name: 'a', namespace: 'default' });
    store.put('configmaps', cm('a', 'default', { k: 'v' }));
    expect(stored.data).toEqual({});
  });

  it('lists in namespace-then-name order, per namespace or all', () => {
    const store = new ObjectStore();
    for (const [name, ns] of [
      ['b', 'x'],
      ['a', 'y'],
      ['c', 'x'],
      ['a', 'x'],
    ] as const)
      store.put('configmaps', cm(name, ns));
    expect(store.list('configmaps').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'x/a',
      'x/b',
      'x/c',
      'y/a',
    ]);
    expect(store.list('configmaps', 'y').map((o) => o.metadata.name)).toEqual(['a']);
    expect(store.count('configmaps', 'x')).toBe(3);
  });

  it('replays changes after a resourceVersion and refuses versions older than its history', () => {
    const store = new ObjectStore({ historySize: 3 });
    for (let i = 0; i < 5; i++) store.put('configmaps', cm(`c${i}`));
    expect(store.changesSince('configmaps', 3)?.map((c) => c.rv)).toEqual([4, 5]);
    // rv 1 and 2 were evicted from a window of three changes.
    expect(store.changesSince('configmaps', 1)).toBeUndefined();
    expect(store.changesSince('configmaps', 2)?.map((c) => c.rv)).toEqual([3, 4, 5]);
  });

  it('keeps the previous object on modifications and deletions for filtered watches', () => {
    const store = new ObjectStore();
    store.put('configmaps', cm('a'));
    store.put('configmaps', cm('a', 'default', { k: 'v' }));
    store.remove('configmaps', 'default', 'a');
    const changes = store.changesSince('configmaps', 0) ?? [];
    expect(changes.map((c) => [c.type, c.previous?.metadata.resourceVersion])).toEqual([
      ['ADDED', undefined],
      ['MODIFIED', '1'],
      ['DELETED', '2'],
    ]);
    expect(changes[2]?.object.metadata.resourceVersion).toBe('3');
  });

  it('tells subscribers of one resource only about that resource, in commit order', () => {
    const store = new ObjectStore();
    const seen: string[] = [];
    const stop = store.subscribe('configmaps', (c) => seen.push(`${c.type}:${c.object.metadata.name}`));
    store.put('configmaps', cm('a'));
    store.put('secrets', cm('s'));
    store.remove('configmaps', 'default', 'a');
    stop();
    store.put('configmaps', cm('b'));
    expect(seen).toEqual(['ADDED:a', 'DELETED:a']);
  });

  it('resumes watches of untouched resources from any version since it started', () => {
    const store = new ObjectStore({ initialRv: 40 });
    store.put('configmaps', cm('a'));
    expect(store.changesSince('secrets', 40)).toEqual([]);
    expect(store.changesSince('secrets', 39)).toBeUndefined();
  });
});
