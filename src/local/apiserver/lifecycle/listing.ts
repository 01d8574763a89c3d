import { badRequest, expired } from '../model/api-error.js';
import type { KubeObject } from '../model/object.js';
import type { ResourceType } from '../resources/resource-type.js';
import type { ObjectStore } from '../store/object-store.js';
import type { Change } from '../store/watch-event.js';

/** What a list request asks for. */
export interface ListQuery {
  /** Objects to keep (label and field selectors combined); all when absent. */
  filter?: (object: KubeObject) => boolean;
  /** Page size; 0 or absent means everything. */
  limit?: number;
  /** Token from a previous page. */
  continueToken?: string;
}

/** One page of a list. */
export interface ListPage {
  items: KubeObject[];
  /** The stored objects `items` are served from, in the same order (their serializations are cached). */
  stored: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

interface ContinueState {
  rv: number;
  after: string;
}

function encodeContinue(state: ContinueState): string {
  return Buffer.from(JSON.stringify({ v: 'weir/1', rv: state.rv, start: state.after }), 'utf8').toString(
    'base64url',
  );
}

function decodeContinue(token: string): ContinueState {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      rv?: unknown;
      start?: unknown;
    };
    if (typeof parsed.rv === 'number' && typeof parsed.start === 'string')
      return { rv: parsed.rv, after: parsed.start };
  } catch {
    // falls through to the error below
  }
  throw badRequest(
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}

/** Orders like the store: namespace, then name (NUL sorts before every character a name may hold). */
function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}\u0000${object.metadata.name ?? ''}`;
}

/**
 * The objects as they were before `later` (changes oldest first) happened: each changed key takes the
 * state before its first later change, or disappears if that change created it. Key order is kept.
 */
function stateBefore(current: KubeObject[], later: Change[], namespace: string | undefined): KubeObject[] {
  if (later.length === 0) return current;
  const before = new Map<string, KubeObject | undefined>();
  for (const change of later) {
    const key = keyOf(change.object);
    if (!before.has(key)) before.set(key, change.type === 'ADDED' ? undefined : change.previous);
  }
  const keyed: [string, KubeObject][] = [];
  for (const object of current) {
    const key = keyOf(object);
    if (!before.has(key)) keyed.push([key, object]);
  }
  for (const [key, object] of before) {
    if (object && (namespace === undefined || object.metadata.namespace === namespace))
      keyed.push([key, object]);
  }
  return keyed.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, object]) => object);
}

/**
 * Lists objects in key order (namespace, then name) with selectors and `limit`/`continue` paging.
 * Pages after the first show the state at the first page's resourceVersion (a consistent snapshot, as
 * etcd serves it), rebuilt by undoing later changes; a token older than the history answers 410 like a
 * compacted etcd.
 */
export function listObjects(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  query: ListQuery,
): ListPage {
  let all = store.list(type.storageKey, type.namespaced ? namespace : undefined);
  let rv = store.resourceVersion;
  if (query.continueToken) {
    const state = decodeContinue(query.continueToken);
    const later = store.changesSince(type.storageKey, state.rv);
    if (!later) {
      throw expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    }
    rv = state.rv;
    all = stateBefore(all, later, type.namespaced ? namespace : undefined).filter(
      (object) => keyOf(object) > state.after,
    );
  }
  const matching = query.filter ? all.filter(query.filter) : all;
  const limit = query.limit && query.limit > 0 ? query.limit : 0;
  const stored = limit ? matching.slice(0, limit) : matching;
  const items = stored.map((o) => type.codec.toServed(o));
  const page: ListPage = { items, stored, resourceVersion: String(rv) };
  if (limit && matching.length > limit) {
    const last = matching[limit - 1];
    if (last) page.continueToken = encodeContinue({ rv, after: keyOf(last) });
    if (!query.filter) page.remainingItemCount = matching.length - limit;
  }
  return page;
}
