import { isAlreadyExists, isConflict } from '../kube/kube-errors.js';
import type { KubeObject, ObjectRef } from '../kube/kube-object.js';
import type { RouterDeps } from './router-deps.js';
import { RouterError } from './router-error.js';

/** What {@link applyObject} or {@link updateObject} did. */
export type WriteOutcome = 'created' | 'updated' | 'unchanged';

const maxAttempts = 3;

/**
 * Creates the object when the cache does not have it, else replaces it with `update(current)` when that
 * answers a change (undefined: nothing to do, no request). A stale cache is corrected by a fresh read on
 * AlreadyExists or Conflict, then the change is computed again (three attempts in all).
 */
export async function applyObject<T extends KubeObject>(
  deps: RouterDeps,
  options: { ref: ObjectRef; create: () => T; update: (current: T) => T | undefined },
): Promise<WriteOutcome> {
  let current = deps.reader.get<T>(options.ref);
  for (let attempt = 1; ; attempt++) {
    const action = current ? 'update' : 'create';
    try {
      if (!current) {
        await deps.client.create(options.create());
        return 'created';
      }
      const next = options.update(current);
      if (!next) return 'unchanged';
      await deps.client.replace(next);
      return 'updated';
    } catch (error) {
      if (error instanceof RouterError) throw error;
      if (attempt >= maxAttempts || !(isAlreadyExists(error) || isConflict(error))) {
        throw apiError(options.ref, action, error);
      }
      current = await fresh<T>(deps, options.ref);
    }
  }
}

/**
 * Replaces an existing object with `update(current)` when that answers a change; throws a
 * `routing-object-missing` {@link RouterError} with `missing`'s message when the object is absent.
 */
export async function updateObject<T extends KubeObject>(
  deps: RouterDeps,
  options: { ref: ObjectRef; missing: () => string; update: (current: T) => T | undefined },
): Promise<WriteOutcome> {
  let current = deps.reader.get<T>(options.ref);
  for (let attempt = 1; ; attempt++) {
    if (!current) throw new RouterError('routing-object-missing', options.missing());
    const next = options.update(current);
    if (!next) return 'unchanged';
    try {
      await deps.client.replace(next);
      return 'updated';
    } catch (error) {
      if (attempt >= maxAttempts || !isConflict(error)) throw apiError(options.ref, 'update', error);
      current = await fresh<T>(deps, options.ref);
    }
  }
}

/** A fresh read past the cache, after the cache proved stale. */
async function fresh<T extends KubeObject>(deps: RouterDeps, ref: ObjectRef): Promise<T | undefined> {
  try {
    return await deps.client.get<T>(ref);
  } catch (error) {
    throw apiError(ref, 'get query', error);
  }
}

/** Flagger's wording, e.g. `VirtualService podinfo.test update error: …`, with the API error as cause. */
function apiError(ref: ObjectRef, action: string, cause: unknown): RouterError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new RouterError('api-error', `${ref.kind} ${ref.name}.${ref.namespace} ${action} error: ${detail}`, {
    cause,
  });
}

/** `ref` of a namespaced object of `type`. */
export function objectRef(
  type: { apiVersion: string; kind: string },
  namespace: string,
  name: string,
): ObjectRef {
  return { apiVersion: type.apiVersion, kind: type.kind, namespace, name };
}
