import { describe, expect, it } from 'vitest';
import { testCore } from '../../../../test/support/core.js';
import type { KubeObject } from '../model/object.js';

function ownerRef(owner: KubeObject, block = false) {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    ...(block ? { blockOwnerDeletion: true, controller: true } : {}),
  };
}

describe('garbage collection', () => {
  it('background: deletes dependents after the owner is gone, unless another owner lives', async () => {
    const core = testCore();
    const cms = core.type('v1', 'configmaps');
    const owner = core.create('v1', 'configmaps', { metadata: { name: 'owner', namespace: 'default' } });
    const other = core.create('v1', 'configmaps', { metadata: { name: 'other', namespace: 'default' } });
    core.create('v1', 'configmaps', {
      metadata: { name: 'child', namespace: 'default', ownerReferences: [ownerRef(owner)] },
    });
    core.create('v1', 'configmaps', {
      metadata: { name: 'shared', namespace: 'default', ownerReferences: [ownerRef(owner), ownerRef(other)] },
    });
    core.create('v1', 'configmaps', {
      metadata: {
        name: 'grandchild',
        namespace: 'default',
        ownerReferences: [ownerRef(core.resources.get(cms, 'default', 'child'))],
      },
    });
    core.deletion.delete(cms, 'default', 'owner');
    await core.settled();
    expect(core.store.list(cms.storageKey, 'default').map((o) => o.metadata.name)).toEqual([
      'other',
      'shared',
    ]);
    expect(core.resources.get(cms, 'default', 'shared').metadata.ownerReferences?.map((r) => r.name)).toEqual(
      ['other'],
    );
  });

  it('foreground: the owner waits for blocking dependents, then goes', async () => {
    const core = testCore();
    const cms = core.type('v1', 'configmaps');
    const owner = core.create('v1', 'configmaps', { metadata: { name: 'owner', namespace: 'default' } });
    core.create('v1', 'configmaps', {
      metadata: {
        name: 'child',
        namespace: 'default',
        finalizers: ['example.com/hold'],
        ownerReferences: [ownerRef(owner, true)],
      },
    });
    const result = core.deletion.delete(cms, 'default', 'owner', { propagationPolicy: 'Foreground' });
    expect(result.object.metadata.finalizers).toEqual(['foregroundDeletion']);
    await core.settled();
    // The child is being deleted but held by its own finalizer; the owner must still exist.
    const child = core.resources.get(cms, 'default', 'child');
    expect(child.metadata.deletionTimestamp).toBeDefined();
    expect(core.resources.stored(cms, 'default', 'owner')).toBeDefined();
    core.resources.update(cms, 'default', 'child', {
      ...child,
      metadata: { ...child.metadata, finalizers: [] },
    });
    await core.settled();
    expect(core.store.list(cms.storageKey, 'default').map((o) => o.metadata.name)).toEqual([]);
  });

  it('orphan: dependents lose the reference and stay', async () => {
    const core = testCore();
    const cms = core.type('v1', 'configmaps');
    const owner = core.create('v1', 'configmaps', { metadata: { name: 'owner', namespace: 'default' } });
    core.create('v1', 'configmaps', {
      metadata: { name: 'child', namespace: 'default', ownerReferences: [ownerRef(owner)] },
    });
    core.deletion.delete(cms, 'default', 'owner', { propagationPolicy: 'Orphan' });
    await core.settled();
    expect(core.resources.stored(cms, 'default', 'owner')).toBeUndefined();
    expect(core.resources.get(cms, 'default', 'child').metadata.ownerReferences).toBeUndefined();
  });

  it('namespace deletion removes the content, honours finalizers, then the namespace', async () => {
    const core = testCore();
    const ns = core.type('v1', 'namespaces');
    const cms = core.type('v1', 'configmaps');
    core.create('v1', 'namespaces', { metadata: { name: 'test' } });
    core.create('v1', 'configmaps', { metadata: { name: 'a', namespace: 'test' } });
    core.create('v1', 'configmaps', {
      metadata: { name: 'held', namespace: 'test', finalizers: ['example.com/hold'] },
    });
    const deleting = core.deletion.delete(ns, '', 'test');
    expect(deleting.object.status).toEqual({ phase: 'Terminating' });
    await core.settled();
    expect(core.store.list(cms.storageKey, 'test').map((o) => o.metadata.name)).toEqual(['held']);
    expect(() => core.create('v1', 'configmaps', { metadata: { name: 'late', namespace: 'test' } })).toThrow(
      /because it is being terminated/,
    );
    const held = core.resources.get(cms, 'test', 'held');
    core.resources.update(cms, 'test', 'held', { ...held, metadata: { ...held.metadata, finalizers: [] } });
    await core.settled();
    expect(core.resources.stored(ns, '', 'test')).toBeUndefined();
  });
});
