import type { KubeObject } from '../model/object.js';
import type { ResourceType } from '../resources/resource-type.js';
import type { ChangeType } from '../store/watch-event.js';
import type { ResourceQuery } from './query.js';
import { renderList } from './render.js';

/** The serialized forms of one stored object as one type serves it. */
interface Encoded {
  json: string;
  /** Watch event lines (`{"type":…,"object":…}\n`), encoded once for every watcher. */
  events: Map<ChangeType, Buffer>;
}

/**
 * Serializations of stored objects, computed once per stored object and served type, like the real
 * server's caching objects: a change is encoded once for a thousand watchers, and a list of unchanged
 * objects costs no JSON.stringify. Sound because stored objects are never mutated (each write stores a
 * new object) and a codec's output depends on the stored object alone. Keyed by the type object, so a CRD
 * whose schema changed (new types) is served afresh; entries go away with their stored objects.
 */
const cache = new WeakMap<KubeObject, Map<ResourceType, Encoded>>();

function encoded(type: ResourceType, stored: KubeObject): Encoded {
  let byType = cache.get(stored);
  if (!byType) {
    byType = new Map();
    cache.set(stored, byType);
  }
  let entry = byType.get(type);
  if (!entry) {
    entry = { json: JSON.stringify(type.codec.toServed(stored)), events: new Map() };
    byType.set(type, entry);
  }
  return entry;
}

/** The JSON of a stored object as `type` serves it. */
export function servedJson(type: ResourceType, stored: KubeObject): string {
  return encoded(type, stored).json;
}

/** One watch event line for a stored object as `type` serves it. */
export function watchEventLine(type: ResourceType, eventType: ChangeType, stored: KubeObject): Buffer {
  const entry = encoded(type, stored);
  let line = entry.events.get(eventType);
  if (!line) {
    line = Buffer.from(`{"type":"${eventType}","object":${entry.json}}\n`);
    entry.events.set(eventType, line);
  }
  return line;
}

/** A page of stored objects to serve as a `<Kind>List`. */
export interface StoredPage {
  /** Stored objects, in list order. */
  stored: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

const emptyItems = '"items":[]}';
// V8 allocates strings above 128 KiB in its large-object space, where each one costs fresh pages (a
// 500-object list spends most of its time there); pieces below that stay cheap.
const pieceChars = 64 * 1024;

/**
 * The `<Kind>List` JSON of a page in pieces of at most about 64 KiB that, joined, are byte for byte what
 * `JSON.stringify(renderList(…))` gives for the object rendering, with each item's JSON taken from the
 * cache.
 */
export function listJsonPieces(
  type: ResourceType,
  page: StoredPage,
  query: ResourceQuery,
  now: Date,
): string[] {
  const { stored, ...rest } = page;
  const envelope = JSON.stringify(renderList(type, { ...rest, items: [] }, { kind: 'object' }, query, now));
  if (!envelope.endsWith(emptyItems)) {
    // The envelope no longer ends with its items: serialize the whole list instead.
    const served = stored.map((object) => type.codec.toServed(object));
    return [JSON.stringify(renderList(type, { ...rest, items: served }, { kind: 'object' }, query, now))];
  }
  const pieces: string[] = [];
  let piece = `${envelope.slice(0, -emptyItems.length)}"items":[`;
  for (let i = 0; i < stored.length; i++) {
    const json = servedJson(type, stored[i]!);
    if (piece.length + json.length > pieceChars) {
      pieces.push(piece);
      piece = '';
    }
    piece += i === 0 ? json : `,${json}`;
  }
  pieces.push(`${piece}]}`);
  return pieces;
}
