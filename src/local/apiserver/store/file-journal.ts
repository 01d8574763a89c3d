import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../model/object.js';
import { type ChangeSink, ObjectStore } from './object-store.js';
import type { Change } from './watch-event.js';

/** One journal line. */
interface JournalRecord {
  rv: number;
  key: string;
  op: 'put' | 'del';
  ns: string;
  name: string;
  object?: KubeObject;
}

/** The snapshot file's content. */
interface SnapshotFile {
  format: 'weir-apiserver-snapshot/1';
  rv: number;
  objects: Record<string, KubeObject[]>;
}

/** Options for {@link FileJournal.open}. */
export interface FileJournalOptions {
  /** fsync every append (survives power loss, much slower); process crashes are survived either way. */
  fsync?: boolean;
  /** Appends between snapshots. */
  compactEvery?: number;
  historySize?: number;
  /** Told about a torn or corrupt tail that was cut off while recovering. */
  onRecovery?: (message: string) => void;
}

/**
 * Durability for the object store: every change is appended to `journal.ndjson` (synchronously, before
 * the client is answered) and the whole store is periodically written to `snapshot.json` (atomically,
 * by rename). Recovery loads the snapshot and replays the journal; a torn last line (a crash mid-write)
 * is cut off, so at most the request in flight is lost and the files are never left corrupt.
 */
export class FileJournal implements ChangeSink {
  private appendsSinceSnapshot = 0;
  private store: ObjectStore | undefined;

  private constructor(
    private readonly dir: string,
    private fd: number,
    private readonly options: FileJournalOptions,
  ) {}

  /** Opens (or creates) a data directory and returns the recovered store, journaling from then on. */
  static open(dir: string, options: FileJournalOptions = {}): { store: ObjectStore; journal: FileJournal } {
    mkdirSync(dir, { recursive: true });
    const snapshotPath = join(dir, 'snapshot.json');
    const journalPath = join(dir, 'journal.ndjson');
    let rv = 0;
    const objects = new Map<string, Map<string, KubeObject>>();
    const place = (key: string, ns: string, name: string, object: KubeObject | undefined) => {
      let bucket = objects.get(key);
      if (!bucket) {
        bucket = new Map();
        objects.set(key, bucket);
      }
      if (object) bucket.set(`${ns}\u0000${name}`, object);
      else bucket.delete(`${ns}\u0000${name}`);
    };
    if (existsSync(snapshotPath)) {
      const snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as SnapshotFile;
      rv = snapshot.rv;
      for (const [key, list] of Object.entries(snapshot.objects)) {
        for (const object of list)
          place(key, object.metadata.namespace ?? '', object.metadata.name ?? '', object);
      }
    }
    let validBytes = 0;
    let replayed = 0;
    if (existsSync(journalPath)) {
      const raw = readFileSync(journalPath);
      let start = 0;
      while (start < raw.length) {
        const end = raw.indexOf(0x0a, start);
        if (end < 0) break; // torn last line: never completed
        let record: JournalRecord;
        try {
          record = JSON.parse(raw.subarray(start, end).toString('utf8')) as JournalRecord;
        } catch {
          break;
        }
        if (record.rv > rv) {
          place(record.key, record.ns, record.name, record.op === 'put' ? record.object : undefined);
          rv = record.rv;
          replayed++;
        }
        start = end + 1;
        validBytes = start;
      }
      if (validBytes < raw.length) {
        options.onRecovery?.(
          `journal: cut ${raw.length - validBytes} bytes of an incomplete or corrupt tail after ${replayed} replayed changes`,
        );
      }
    }
    const fd = openSync(journalPath, existsSync(journalPath) ? 'r+' : 'w+');
    ftruncateSync(fd, validBytes);
    closeSync(fd);
    const journal = new FileJournal(dir, openSync(journalPath, 'a'), options);
    const store = new ObjectStore({
      initialRv: rv,
      sink: journal,
      ...(options.historySize !== undefined ? { historySize: options.historySize } : {}),
    });
    for (const [key, bucket] of objects) store.load(key, bucket.values());
    journal.store = store;
    journal.appendsSinceSnapshot = replayed;
    return { store, journal };
  }

  /** Appends one change; throws (failing the write) if the disk refuses. */
  append(change: Change): void {
    const record: JournalRecord = {
      rv: change.rv,
      key: change.storageKey,
      op: change.type === 'DELETED' ? 'del' : 'put',
      ns: change.object.metadata.namespace ?? '',
      name: change.object.metadata.name ?? '',
    };
    if (record.op === 'put') record.object = change.object;
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    if (this.options.fsync) fsyncSync(this.fd);
    this.appendsSinceSnapshot++;
    if (this.appendsSinceSnapshot >= (this.options.compactEvery ?? 50_000)) {
      // The change being appended is not in the store yet; compact right after it lands.
      setImmediate(() => this.compact());
    }
  }

  /** Writes a snapshot of the whole store and empties the journal. */
  compact(): void {
    const store = this.store;
    if (!store) return;
    const snapshot: SnapshotFile = {
      format: 'weir-apiserver-snapshot/1',
      rv: store.resourceVersion,
      objects: {},
    };
    for (const key of store.storageKeys()) snapshot.objects[key] = store.list(key);
    const tmp = join(this.dir, 'snapshot.json.tmp');
    writeFileSync(tmp, JSON.stringify(snapshot));
    const tmpFd = openSync(tmp, 'r');
    fsyncSync(tmpFd);
    closeSync(tmpFd);
    renameSync(tmp, join(this.dir, 'snapshot.json'));
    // Entries at or below the snapshot's resourceVersion are skipped on replay, so a crash here is harmless.
    ftruncateSync(this.fd, 0);
    this.appendsSinceSnapshot = 0;
  }

  /** Snapshots and closes the journal. */
  close(): void {
    if (this.fd < 0) return;
    this.compact();
    closeSync(this.fd);
    this.fd = -1;
  }
}
