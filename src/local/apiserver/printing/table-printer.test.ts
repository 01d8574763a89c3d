import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/object.js';
import { namespacePrinter } from './core-printers.js';
import { podPrinter } from './pod-printer.js';
import { buildTable } from './table-printer.js';

const now = new Date('2024-06-01T12:00:00Z');

const test: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'test', uid: 'u-1', resourceVersion: '41', creationTimestamp: '2024-06-01T11:00:00Z' },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
};

const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

describe('buildTable', () => {
  it('renders the exact meta.k8s.io/v1 Table JSON with PartialObjectMetadata rows', () => {
    const table = buildTable({
      printer: namespacePrinter,
      objects: [test],
      now,
      resourceVersion: '42',
      includeObject: 'Metadata',
    });
    const json = JSON.parse(JSON.stringify(table));
    expect(Object.keys(json)).toEqual(['kind', 'apiVersion', 'metadata', 'columnDefinitions', 'rows']);
    expect(json.kind).toBe('Table');
    expect(json.apiVersion).toBe('meta.k8s.io/v1');
    expect(json.metadata).toEqual({ resourceVersion: '42' });
    expect(json.columnDefinitions[0]).toEqual({
      name: 'Name',
      type: 'string',
      format: 'name',
      description: NAME_DESCRIPTION,
      priority: 0,
    });
    expect(json.columnDefinitions[1]).toEqual({
      name: 'Status',
      type: 'string',
      format: '',
      description: 'The status of the namespace',
      priority: 0,
    });
    expect(json.rows).toEqual([
      {
        cells: ['test', 'Active', '60m'],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: test.metadata },
      },
    ]);
  });

  it('carries the full object, or a null object, per includeObject', () => {
    const full = buildTable({ printer: namespacePrinter, objects: [test], now, includeObject: 'Object' });
    expect(full.rows[0]?.object).toBe(test);
    const none = buildTable({ printer: namespacePrinter, objects: [test], now, includeObject: 'None' });
    expect(JSON.stringify(none.rows[0])).toBe('{"cells":["test","Active","60m"],"object":null}');
  });

  it('passes list metadata through and omits what is unset', () => {
    const table = buildTable({
      printer: namespacePrinter,
      objects: [],
      now,
      resourceVersion: '7',
      continueToken: 'abc',
      remainingItemCount: 3,
      includeObject: 'None',
    });
    expect(table.metadata).toEqual({ resourceVersion: '7', continue: 'abc', remainingItemCount: 3 });
    expect(table.rows).toEqual([]);
    const bare = buildTable({ printer: namespacePrinter, objects: [], now, includeObject: 'None' });
    expect(JSON.stringify(bare.metadata)).toBe('{}');
  });

  it('drops column definitions for noHeaders (later watch events)', () => {
    const table = buildTable({
      printer: namespacePrinter,
      objects: [test],
      now,
      includeObject: 'None',
      noHeaders: true,
    });
    expect(table.columnDefinitions).toBeNull();
  });

  it('adds row conditions between cells and object, as Go orders the fields', () => {
    const pod: KubeObject = {
      metadata: { name: 'job-1', creationTimestamp: '2024-06-01T11:59:00Z' },
      spec: { containers: [{ name: 'main' }] },
      status: {
        phase: 'Succeeded',
        containerStatuses: [
          { name: 'main', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        ],
      },
    };
    const table = buildTable({ printer: podPrinter, objects: [pod], now, includeObject: 'None' });
    expect(JSON.stringify(table.rows[0])).toBe(
      '{"cells":["job-1","0/1","Completed","0","60s","<none>","<none>","<none>","<none>"],' +
        '"conditions":[{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed successfully."}],' +
        '"object":null}',
    );
  });
});
