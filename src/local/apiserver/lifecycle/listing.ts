import { badRequest, expired } from '../model/api-error.js';
import type { KubeObject } from '../model/object.js';
import type { ResourceType } from '../resources/resource-type.js';
import type { ObjectStore } from '../store/object-store.js';

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
 * Lists objects in key order (namespace, then name) with selectors and `limit`/`continue` paging.
 * Pages after the first show the current state past the last key, stamped with the first page's
 * resourceVersion; a token older than the server's history answers 410 like a compacted etcd.
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
    if (!store.changesSince(type.storageKey, state.rv)) {
      throw expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    }
    rv = state.rv;
    all = all.filter((object) => keyOf(object) > state.after);
  }
  const matching = query.filter ? all.filter(query.filter) : all;
  const limit = query.limit && query.limit > 0 ? query.limit : 0;
  const items = (limit ? matching.slice(0, limit) : matching).map((o) => type.codec.toServed(o));
  const page: ListPage = { items, resourceVersion: String(rv) };
  if (limit && matching.length > limit) {
    const last = matching[limit - 1];
    if (last) page.continueToken = encodeContinue({ rv, after: keyOf(last) });
    if (!query.filter) page.remainingItemCount = matching.length - limit;
  }
  return page;
}
