import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileJournal } from './file-journal.js';

const cm = (name: string, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data,
});

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'weir-journal-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('FileJournal', () => {
  it('recovers every change, with the same resourceVersions, after the process goes away without closing', () => {
    const dir = dataDir();
    const first = FileJournal.open(dir);
    first.store.put('configmaps', cm('a'));
    first.store.put('configmaps', cm('b'));
    first.store.put('configmaps', cm('a', { k: 'v' }));
    first.store.remove('configmaps', 'default', 'b');
    // No close(): as if the process was killed.
    const second = FileJournal.open(dir);
    expect(second.store.resourceVersion).toBe(4);
    expect(
      second.store.list('configmaps').map((o) => [o.metadata.name, o.metadata.resourceVersion, o.data]),
    ).toEqual([['a', '3', { k: 'v' }]]);
    expect(second.store.put('configmaps', cm('c')).metadata.resourceVersion).toBe('5');
  });

  it('cuts a torn last line (a crash mid-write) and keeps appending cleanly after it', () => {
    const dir = dataDir();
    const first = FileJournal.open(dir);
    first.store.put('configmaps', cm('a'));
    appendFileSync(
      join(dir, 'journal.ndjson'),
      '{"rv":2,"key":"configmaps","op":"put","ns":"default","name":"b","obj',
    );
    const notes: string[] = [];
    const second = FileJournal.open(dir, { onRecovery: (m) => notes.push(m) });
    expect(second.store.list('configmaps').map((o) => o.metadata.name)).toEqual(['a']);
    expect(notes).toHaveLength(1);
    second.store.put('configmaps', cm('c'));
    const third = FileJournal.open(dir);
    expect(third.store.list('configmaps').map((o) => [o.metadata.name, o.metadata.resourceVersion])).toEqual([
      ['a', '1'],
      ['c', '2'],
    ]);
  });

  it('compacts into a snapshot and replays only what came after it', () => {
    const dir = dataDir();
    const first = FileJournal.open(dir);
    first.store.put('configmaps', cm('a'));
    first.journal.compact();
    expect(statSync(join(dir, 'journal.ndjson')).size).toBe(0);
    first.store.put('configmaps', cm('b'));
    const snapshot = JSON.parse(readFileSync(join(dir, 'snapshot.json'), 'utf8')) as { rv: number };
    expect(snapshot.rv).toBe(1);
    const second = FileJournal.open(dir);
    expect(second.store.list('configmaps').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(second.store.resourceVersion).toBe(2);
  });

  it('ignores journal entries the snapshot already holds (a crash between snapshot and truncation)', () => {
    const dir = dataDir();
    const first = FileJournal.open(dir);
    first.store.put('configmaps', cm('a'));
    first.store.put('configmaps', cm('a', { k: 'v1' }));
    const journalBefore = readFileSync(join(dir, 'journal.ndjson'));
    first.journal.compact();
    appendFileSync(join(dir, 'journal.ndjson'), journalBefore);
    const second = FileJournal.open(dir);
    expect(second.store.get('configmaps', 'default', 'a')?.data).toEqual({ k: 'v1' });
    expect(second.store.resourceVersion).toBe(2);
  });
});
