import { describe, expect, it } from 'vitest';
import { testCore } from '../../../../test/support/core.js';
import { ApiError } from '../model/api-error.js';
import { type ListPage, listObjects } from './listing.js';

function setup(historySize?: number) {
  const core = testCore(historySize !== undefined ? { historySize } : {});
  for (const ns of ['a', 'b']) core.create('v1', 'namespaces', { metadata: { name: ns } });
  for (const ns of ['a', 'b']) {
    for (const name of ['c1', 'c2', 'c3', 'c4']) {
      core.create('v1', 'configmaps', { metadata: { name, namespace: ns }, data: { v: '0' } });
    }
  }
  return { core, type: core.type('v1', 'configmaps') };
}

const keys = (page: ListPage): string[] =>
  page.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`);

describe('listObjects paging', () => {
  it('continues from the first page snapshot, undoing later creates, updates and deletes', () => {
    const { core, type } = setup();
    const everything = keys(listObjects(core.store, type, undefined, {}));
    const first = listObjects(core.store, type, undefined, { limit: 3 });
    expect(first.remainingItemCount).toBe(5);

    core.resources.update(type, 'a', 'c4', { metadata: { name: 'c4' }, data: { v: '1' } });
    core.resources.update(type, 'a', 'c4', { metadata: { name: 'c4' }, data: { v: '2' } });
    core.deletion.delete(type, 'b', 'c2');
    core.create('v1', 'configmaps', { metadata: { name: 'c0', namespace: 'b' } });
    core.create('v1', 'configmaps', { metadata: { name: 'c9', namespace: 'b' } });

    const second = listObjects(core.store, type, undefined, {
      limit: 3,
      continueToken: first.continueToken!,
    });
    expect(second.resourceVersion).toBe(first.resourceVersion);
    const third = listObjects(core.store, type, undefined, {
      limit: 3,
      continueToken: second.continueToken!,
    });
    expect(third.continueToken).toBeUndefined();
    expect([...keys(first), ...keys(second), ...keys(third)]).toEqual(everything);
    expect(second.items.find((o) => o.metadata.name === 'c4')?.data).toEqual({ v: '0' });
  });

  it('keeps a namespaced snapshot inside its namespace', () => {
    const { core, type } = setup();
    const first = listObjects(core.store, type, 'a', { limit: 2 });
    core.deletion.delete(type, 'b', 'c3');
    core.deletion.delete(type, 'a', 'c3');
    const rest = listObjects(core.store, type, 'a', { continueToken: first.continueToken! });
    expect(rest.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/c3', 'a/c4']);
  });

  it('answers 410 Expired when the snapshot is older than the history', () => {
    const { core, type } = setup(2);
    const first = listObjects(core.store, type, undefined, { limit: 2 });
    for (const v of ['1', '2', '3']) {
      core.resources.update(type, 'a', 'c1', { metadata: { name: 'c1' }, data: { v } });
    }
    let error: unknown;
    try {
      listObjects(core.store, type, undefined, { continueToken: first.continueToken! });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(410);
  });
});
