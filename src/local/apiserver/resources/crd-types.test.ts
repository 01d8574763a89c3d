import { describe, expect, it } from 'vitest';
import { testCore } from '../../../../test/support/core.js';

const versionSchema = (properties: Record<string, unknown>) => ({
  openAPIV3Schema: {
    type: 'object',
    properties: { spec: { type: 'object', properties } },
  },
});

/** Widgets stored as v2; v1 lacks `shape` and defaults `color` differently. */
function coreWithWidgets() {
  const core = testCore();
  core.create('apiextensions.k8s.io/v1', 'customresourcedefinitions', {
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: false,
          schema: versionSchema({
            size: { type: 'integer' },
            color: { type: 'string', default: 'blue' },
            label: { type: 'string', default: 'none' },
          }),
        },
        {
          name: 'v2',
          served: true,
          storage: true,
          schema: versionSchema({
            size: { type: 'integer' },
            color: { type: 'string', default: 'red' },
            shape: { type: 'string' },
          }),
        },
      ],
    },
  });
  return core;
}

describe('CRD versions with conversion None', () => {
  it('serves an object stored at another version pruned and defaulted by the served schema', () => {
    const core = coreWithWidgets();
    core.create('example.com/v2', 'widgets', {
      metadata: { name: 'w', namespace: 'default' },
      spec: { size: 2, shape: 'round' },
    });
    const v1 = core.type('example.com/v1', 'widgets');
    const v2 = core.type('example.com/v2', 'widgets');
    expect(core.resources.get(v2, 'default', 'w')).toMatchObject({
      apiVersion: 'example.com/v2',
      spec: { size: 2, color: 'red', shape: 'round' },
    });
    const served = core.resources.get(v1, 'default', 'w');
    expect(served.apiVersion).toBe('example.com/v1');
    expect(served.spec).toEqual({ size: 2, color: 'red', label: 'none' });
    // Reading did not change what is stored.
    expect(core.store.get('widgets.example.com', 'default', 'w')?.spec).toEqual({
      size: 2,
      color: 'red',
      shape: 'round',
    });
  });

  it('stores at the storage version whatever version a write came through', () => {
    const core = coreWithWidgets();
    const created = core.create('example.com/v1', 'widgets', {
      metadata: { name: 'w', namespace: 'default' },
      spec: { size: 1 },
    });
    expect(created.apiVersion).toBe('example.com/v1');
    expect(created.spec).toEqual({ size: 1, color: 'blue', label: 'none' });
    const stored = core.store.get('widgets.example.com', 'default', 'w');
    expect(stored?.apiVersion).toBe('example.com/v2');
    // Pruned by the storage version's schema on the way in: v2 has no `label`.
    expect(stored?.spec).toEqual({ size: 1, color: 'blue' });
  });
});
