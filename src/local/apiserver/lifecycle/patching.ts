import { ApiError, badRequest, notFound } from '../model/api-error.js';
import { isJsonObject, type JsonObject, type KubeObject } from '../model/object.js';
import { applyJsonPatch, applyMergePatch, serverSideApply, strategicMergePatch } from '../patch/index.js';
import type { ResourceType } from '../resources/resource-type.js';
import { groupResource, type ResourceService } from './resource-service.js';
import type { Subresource, WriteOptions } from './write-options.js';

/** The PATCH content types the server understands. */
export const PatchType = {
  Json: 'application/json-patch+json',
  Merge: 'application/merge-patch+json',
  Strategic: 'application/strategic-merge-patch+json',
  Apply: 'application/apply-patch+yaml',
} as const;
export type PatchType = (typeof PatchType)[keyof typeof PatchType];

/** Options of one PATCH request. */
export interface PatchOptions extends WriteOptions {
  subresource?: Subresource;
  /** Required for server-side apply. */
  fieldManager?: string;
}

/** The result of a PATCH: the object, and whether server-side apply created it. */
export interface PatchResult {
  object: KubeObject;
  created: boolean;
}

/** Computes the patched object of `current` (served form) for one patch body. */
export function patchObject(
  type: ResourceType,
  current: KubeObject,
  patchType: PatchType,
  patch: unknown,
): KubeObject {
  switch (patchType) {
    case PatchType.Json:
      if (!Array.isArray(patch))
        throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
      return applyJsonPatch(current as unknown as JsonObject, patch) as unknown as KubeObject;
    case PatchType.Merge:
      return applyMergePatch(current as unknown as JsonObject, patch) as unknown as KubeObject;
    case PatchType.Strategic:
      if (!type.strategicPatchSchema) {
        throw new ApiError(
          'UnsupportedMediaType',
          'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
        );
      }
      if (!isJsonObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
      return strategicMergePatch(
        current as unknown as JsonObject,
        patch as JsonObject,
        type.strategicPatchSchema,
      ) as unknown as KubeObject;
    case PatchType.Apply:
      if (!isJsonObject(patch)) throw badRequest('apply patch must be an object');
      return serverSideApply(
        current as unknown as JsonObject,
        patch as JsonObject,
        type.applyPatchSchema,
      ) as unknown as KubeObject;
  }
}

/** PATCH on an object (or its status): patch the served form, then update with the usual rules. */
export function patchResource(
  service: ResourceService,
  type: ResourceType,
  namespace: string,
  name: string,
  patchType: PatchType,
  patch: unknown,
  options: PatchOptions,
): PatchResult {
  if (patchType === PatchType.Apply && !options.fieldManager) {
    throw badRequest(
      'PATCH request must be a valid apply config: fieldManager is required for apply requests',
    );
  }
  const stored = service.stored(type, namespace, name);
  if (!stored) {
    if (patchType !== PatchType.Apply || options.subresource) throw notFound(groupResource(type), name);
    if (!isJsonObject(patch)) throw badRequest('apply patch must be an object');
    const body = { ...patch, metadata: { ...(isJsonObject(patch.metadata) ? patch.metadata : {}), name } };
    return { object: service.create(type, namespace, body, options), created: true };
  }
  const current = type.codec.toServed(stored);
  const patched = patchObject(type, current, patchType, patch);
  if (!isJsonObject(patched.metadata)) patched.metadata = {};
  // A patch that does not mention resourceVersion applies to whatever is current.
  patched.metadata.resourceVersion ??= current.metadata.resourceVersion;
  if (patchType === PatchType.Apply && isJsonObject(patch)) {
    const wanted = isJsonObject(patch.metadata) ? patch.metadata.resourceVersion : undefined;
    if (wanted === undefined) patched.metadata.resourceVersion = current.metadata.resourceVersion;
  }
  const object = service.update(type, namespace, name, patched, options);
  return { object, created: false };
}
