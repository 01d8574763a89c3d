import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../model/object.js';
import { pruneUnknownFields } from './prune.js';
import type { SchemaNode } from './schema-node.js';

const schema: SchemaNode = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        ports: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer' } } } },
        config: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { nested: { type: 'object', properties: { known: { type: 'string' } } } },
        },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', properties: { image: { type: 'string' } } } },
        },
        plain: { type: 'object' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    },
  },
};

function prune(object: JsonObject): { removed: string[]; object: JsonObject } {
  const removed = pruneUnknownFields(object, schema);
  return { removed, object };
}

describe('pruneUnknownFields', () => {
  it('keeps declared fields and reports nothing', () => {
    const object = {
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'a' },
      spec: { replicas: 1, tags: ['a'] },
    };
    expect(prune(structuredClone(object))).toEqual({ removed: [], object });
  });

  it('removes undeclared fields at every depth with dotted paths and indices', () => {
    const { removed, object } = prune({
      metadata: { name: 'a' },
      status: { phase: 'x' },
      spec: { replicas: 1, extra: true, ports: [{ port: 80, name: 'http' }, { port: 81 }] },
    });
    expect(removed).toEqual(['spec.extra', 'spec.ports[0].name', 'status']);
    expect(object).toEqual({
      metadata: { name: 'a' },
      spec: { replicas: 1, ports: [{ port: 80 }, { port: 81 }] },
    });
  });

  it('applies additionalProperties schemas to map values', () => {
    const { removed, object } = prune({ spec: { labels: { app: 'web', 'team.example.com/owner': 'me' } } });
    expect(removed).toEqual([]);
    expect(object).toEqual({ spec: { labels: { app: 'web', 'team.example.com/owner': 'me' } } });
  });

  it('empties objects that declare no properties', () => {
    const { removed, object } = prune({ spec: { plain: { a: 1, b: { c: 2 } } } });
    expect(removed).toEqual(['spec.plain.a', 'spec.plain.b']);
    expect(object).toEqual({ spec: { plain: {} } });
  });

  it('keeps unknown fields under x-kubernetes-preserve-unknown-fields but prunes inside declared ones', () => {
    const { removed, object } = prune({
      spec: { config: { anything: { deep: [1] }, nested: { known: 'k', unknown: 'u' } } },
    });
    expect(removed).toEqual(['spec.config.nested.unknown']);
    expect(object).toEqual({ spec: { config: { anything: { deep: [1] }, nested: { known: 'k' } } } });
  });

  it('keeps apiVersion/kind/metadata of embedded resources and reduces their metadata to ObjectMeta', () => {
    const { removed, object } = prune({
      spec: {
        template: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', labels: { a: 'b' }, color: 'red' },
          spec: { image: 'nginx', command: ['x'] },
          other: 1,
        },
      },
    });
    expect(removed).toEqual([
      'spec.template.metadata.color',
      'spec.template.other',
      'spec.template.spec.command',
    ]);
    expect(object).toEqual({
      spec: {
        template: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', labels: { a: 'b' } },
          spec: { image: 'nginx' },
        },
      },
    });
  });

  it('never prunes the root metadata but drops what ObjectMeta does not have', () => {
    const { removed, object } = prune({
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: {
        name: 'a',
        namespace: 'ns',
        annotations: { k: 'v' },
        finalizers: ['f'],
        clusterName: 'old',
      },
    });
    expect(removed).toEqual(['metadata.clusterName']);
    expect(object.metadata).toEqual({
      name: 'a',
      namespace: 'ns',
      annotations: { k: 'v' },
      finalizers: ['f'],
    });
  });

  it('keeps everything below a preserve-unknown-fields root', () => {
    const removed = pruneUnknownFields(
      { metadata: { name: 'a' }, spec: { whatever: [{ x: 1 }] } },
      { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    );
    expect(removed).toEqual([]);
  });
});
