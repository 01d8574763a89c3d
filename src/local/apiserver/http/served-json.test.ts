import { describe, expect, it } from 'vitest';
import { testCore } from '../../../../test/support/core.js';
import { listObjects } from '../lifecycle/listing.js';
import { parseResourceQuery } from './query.js';
import { renderList } from './render.js';
import { listJsonPieces, servedJson, watchEventLine } from './served-json.js';

const listJson = (...args: Parameters<typeof listJsonPieces>): string => listJsonPieces(...args).join('');

function setup() {
  const core = testCore();
  core.create('v1', 'namespaces', { metadata: { name: 'test' } });
  for (const name of ['a', 'b', 'c']) {
    core.create('v1', 'configmaps', { metadata: { name, namespace: 'test' }, data: { key: name } });
  }
  return { core, type: core.type('v1', 'configmaps') };
}

describe('listJson', () => {
  it('serializes a list exactly as JSON.stringify(renderList(…)) does', () => {
    const { core, type } = setup();
    const query = parseResourceQuery(new URLSearchParams());
    const now = core.clock.now();
    for (const options of [{}, { limit: 2 }, { limit: 2, filter: () => true }]) {
      const page = listObjects(core.store, type, 'test', options);
      const expected = JSON.stringify(renderList(type, page, { kind: 'object' }, query, now));
      expect(listJson(type, page, query, now)).toBe(expected);
    }
    const empty = listObjects(core.store, type, 'elsewhere', {});
    expect(listJson(type, empty, query, now)).toBe(
      JSON.stringify(renderList(type, empty, { kind: 'object' }, query, now)),
    );
  });

  it('cuts a large list into pieces below 64 KiB that join into the same JSON', () => {
    const { core, type } = setup();
    for (let i = 0; i < 300; i++) {
      core.create('v1', 'configmaps', {
        metadata: { name: `big-${i}`, namespace: 'test' },
        data: { text: 'x'.repeat(1000) },
      });
    }
    const query = parseResourceQuery(new URLSearchParams());
    const now = core.clock.now();
    const page = listObjects(core.store, type, 'test', {});
    const pieces = listJsonPieces(type, page, query, now);
    expect(pieces.length).toBeGreaterThan(4);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(64 * 1024);
    expect(pieces.join('')).toBe(JSON.stringify(renderList(type, page, { kind: 'object' }, query, now)));
  });

  it('serves a changed object afresh, since every write stores a new object', () => {
    const { core, type } = setup();
    const query = parseResourceQuery(new URLSearchParams());
    const before = listJson(type, listObjects(core.store, type, 'test', {}), query, core.clock.now());
    const stored = core.resources.stored(type, 'test', 'b')!;
    core.resources.update(type, 'test', 'b', { ...stored, data: { key: 'changed' } });
    const after = listJson(type, listObjects(core.store, type, 'test', {}), query, core.clock.now());
    expect(before).toContain('"key":"b"');
    expect(after).not.toContain('"key":"b"');
    expect(after).toContain('"key":"changed"');
  });
});

describe('watchEventLine', () => {
  it('is one encoded line per stored object and event type, shared by every watcher', () => {
    const { core, type } = setup();
    const stored = core.resources.stored(type, 'test', 'a')!;
    const line = watchEventLine(type, 'MODIFIED', stored);
    expect(line.toString()).toBe(`{"type":"MODIFIED","object":${servedJson(type, stored)}}\n`);
    expect(JSON.parse(line.toString())).toEqual({ type: 'MODIFIED', object: type.codec.toServed(stored) });
    expect(watchEventLine(type, 'MODIFIED', stored)).toBe(line);
    expect(watchEventLine(type, 'DELETED', stored).toString()).toMatch(/^\{"type":"DELETED"/);
  });
});
