import type { ServerResponse } from 'node:http';
import { type ApiError, expired, invalid } from '../model/api-error.js';
import { FieldErrorType } from '../model/field-error.js';
import type { KubeObject } from '../model/object.js';
import { apiVersionOf, type ResourceType } from '../resources/resource-type.js';
import type { Change, ChangeType } from '../store/watch-event.js';
import type { ApiContext } from './api-context.js';
import type { Rendering } from './negotiation.js';
import type { ResourceQuery } from './query.js';
import { tableOf } from './render.js';
import { watchEventLine } from './served-json.js';

/** What one watch request asks for. */
export interface WatchRequest {
  type: ResourceType;
  /** Empty for all namespaces. */
  namespace: string;
  filter: ((object: KubeObject) => boolean) | undefined;
  query: ResourceQuery;
  rendering: Rendering;
}

// A watcher this far behind is dropped, as the real server drops slow watchers.
const maxBufferedBytes = 32 * 1024 * 1024;
// Without timeoutSeconds the real server ends watches after 30–60 minutes.
const defaultTimeoutSeconds = 1800;

/** A watch's resourceVersion as the real server parses it (422 when it is not an unsigned integer). */
function parseResourceVersion(type: ResourceType, rv: string): number {
  if (/^\d+$/.test(rv)) return Number(rv);
  throw invalid({ group: type.group, kind: type.plural }, '', [
    {
      type: FieldErrorType.Invalid,
      field: 'resourceVersion',
      badValue: rv,
      detail: `strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`,
    },
  ]);
}

/**
 * Streams watch events: replays what changed after `resourceVersion` from the history (an ERROR event
 * with 410 Expired when it is older than the history), or the current objects as ADDED when no version
 * is given, then live changes until the timeout or the client leaves.
 */
export function startWatch(ctx: ApiContext, res: ServerResponse, request: WatchRequest): void {
  const { type, namespace, filter, query, rendering } = request;
  const inScope = (object: KubeObject | undefined): boolean =>
    object !== undefined &&
    (!namespace || object.metadata.namespace === namespace) &&
    (!filter || filter(object));
  const rvParam = query.resourceVersion;
  let initial: KubeObject[] = [];
  let replay: Change[] = [];
  let tooOld: ApiError | undefined;
  if (rvParam === undefined || rvParam === '' || rvParam === '0') {
    initial = ctx.store
      .list(type.storageKey, type.namespaced && namespace ? namespace : undefined)
      .filter(inScope);
  } else {
    const from = parseResourceVersion(type, rvParam);
    const changes = ctx.store.changesSince(type.storageKey, from);
    if (changes) replay = changes;
    else tooOld = expired(`too old resource version: ${rvParam} (${ctx.store.resourceVersion})`);
  }

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  if (tooOld) {
    // As the real server's watch cache does: 200, then one ERROR event carrying the 410 Expired Status,
    // then the end of the stream. client-go and client-node relist on it.
    res.end(`{"type":"ERROR","object":${JSON.stringify(tooOld.toStatus())}}\n`);
    return;
  }
  let headersSent = false;
  let closed = false;

  const encode = (eventType: ChangeType, object: KubeObject): string | Buffer => {
    if (rendering.kind === 'table') {
      const table = tableOf(type, [type.codec.toServed(object)], query, ctx.clock.now(), {
        resourceVersion: object.metadata.resourceVersion,
        noHeaders: headersSent,
      });
      headersSent = true;
      return `{"type":"${eventType}","object":${JSON.stringify(table)}}\n`;
    }
    if (rendering.kind === 'metadata') {
      const partial = {
        kind: 'PartialObjectMetadata',
        apiVersion: `meta.k8s.io/${rendering.version}`,
        metadata: object.metadata,
      };
      return `{"type":"${eventType}","object":${JSON.stringify(partial)}}\n`;
    }
    return watchEventLine(type, eventType, object);
  };

  const send = (chunk: string | Buffer): void => {
    if (closed) return;
    res.write(chunk);
    if (res.writableLength > maxBufferedBytes) close();
  };

  const deliver = (change: Change): void => {
    const now = inScope(change.type === 'DELETED' ? (change.previous ?? change.object) : change.object);
    const before = change.type === 'ADDED' ? false : inScope(change.previous);
    if (change.type === 'DELETED') {
      if (now || before) send(encode('DELETED', change.object));
    } else if (now && before) send(encode('MODIFIED', change.object));
    else if (now) send(encode('ADDED', change.object));
    else if (before) send(encode('DELETED', change.object));
  };

  const unsubscribe = ctx.store.subscribe(type.storageKey, deliver);
  const unregister = ctx.watches.add(() => close());
  // timeoutSeconds=0 means the default, as on the real server.
  const timeout = setTimeout(() => close(), (query.timeoutSeconds || defaultTimeoutSeconds) * 1000);
  const bookmarks = query.allowWatchBookmarks
    ? setInterval(() => {
        const marker = {
          kind: type.kind,
          apiVersion: apiVersionOf(type),
          metadata: { resourceVersion: String(ctx.store.resourceVersion) },
        };
        send(`{"type":"BOOKMARK","object":${JSON.stringify(marker)}}\n`);
      }, ctx.bookmarkIntervalMs)
    : undefined;

  function close(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    unregister();
    clearTimeout(timeout);
    if (bookmarks) clearInterval(bookmarks);
    res.end();
  }
  res.on('close', close);

  for (const object of initial) send(encode('ADDED', object));
  for (const change of replay) deliver(change);
}
