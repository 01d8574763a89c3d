/**
 * RFC 6902 JSON patch (`application/json-patch+json`) and RFC 7386 JSON merge patch
 * (`application/merge-patch+json`), with the status codes the real apiserver answers:
 *
 * - a JSON patch body that does not decode as a list of operation objects: 400 BadRequest;
 * - more than 10000 operations: 413 RequestEntityTooLarge;
 * - an operation that cannot be applied (failed `test`, missing path, unknown `op`): 422 Invalid with the
 *   generic "the server rejected our request due to an error in our request" (the apiserver wraps the
 *   evanphx/json-patch error in `NewGenericServerResponse(422, ...)`, which keeps no detail; ours keeps
 *   it as the error's `cause`);
 * - a merge patch that is `null` or not an object: 400 "Invalid JSON Patch" (`jsonpatch.ErrBadJSONPatch`).
 */
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { apply as applyJsonMergePatch } from 'json-merge-patch';
import { ApiError, badRequest, invalid } from '../model/api-error.js';
import { FieldErrorType } from '../model/field-error.js';
import { cloneJson } from '../model/json.js';
import type { JsonObject } from '../model/object.js';
import { isObject, rejected } from './directives.js';

/** The apiserver's `maxJSONPatchOperations`. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

function goKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Checks that `operations` decodes as a JSON patch: a list of objects. */
function decodeJsonPatch(operations: unknown): Operation[] {
  if (!Array.isArray(operations)) {
    throw badRequest(`json: cannot unmarshal ${goKind(operations)} into Go value of type jsonpatch.Patch`);
  }
  for (const operation of operations) {
    if (!isObject(operation)) {
      throw badRequest(
        `json: cannot unmarshal ${goKind(operation)} into Go value of type jsonpatch.Operation`,
      );
    }
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new ApiError(
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  // Each element is an object; fast-json-patch's validator checks the rest of its shape.
  return cloneJson(operations) as Operation[];
}

/** The 422 a patched document that is not an object gets when the server decodes it. */
function notAnObject(value: unknown): ApiError {
  return invalid({ group: '', kind: '' }, '', [
    {
      type: FieldErrorType.Invalid,
      field: 'patch',
      badValue: JSON.stringify(value),
      detail: `json: cannot unmarshal ${goKind(value)} into Go value of type map[string]interface {}`,
    },
  ]);
}

/**
 * Applies RFC 6902 operations (the decoded request body) to `original` and returns a new object;
 * the inputs are not modified.
 */
export function applyJsonPatch(original: JsonObject, operations: unknown): JsonObject {
  const decoded = decodeJsonPatch(operations);
  let result: unknown;
  try {
    result = fastJsonPatch.applyPatch(cloneJson(original), decoded, true, true, true).newDocument;
  } catch (error) {
    if (error instanceof fastJsonPatch.JsonPatchError) throw rejected(`${error.name}: ${error.message}`);
    throw error;
  }
  if (!isObject(result)) throw notAnObject(result);
  return result;
}

/**
 * Applies an RFC 7386 JSON merge patch (the decoded request body) to `original` and returns a new object;
 * the inputs are not modified.
 *
 * Known limit of json-merge-patch 1.0.2: as a prototype-pollution guard it stops merging a map at the
 * first key named `__proto__`, `constructor` or `prototype`, silently skipping that key and the ones after
 * it (the real server would store them, e.g. a ConfigMap data key `constructor`).
 */
export function applyMergePatch(original: JsonObject, patch: unknown): JsonObject {
  if (!isObject(patch)) throw badRequest('Invalid JSON Patch');
  return applyJsonMergePatch(cloneJson(original), cloneJson(patch));
}
