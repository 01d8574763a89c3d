/** PATCH semantics of the local API server: strategic merge, JSON (merge) patch and server-side apply. */
export { crdPatchSchema } from './crd-patch-schema.js';
export { applyJsonPatch, applyMergePatch, MAX_JSON_PATCH_OPERATIONS } from './json-patches.js';
export {
  builtinPatchSchema,
  type FieldPatchMeta,
  fieldPatchMeta,
  type PatchSchema,
  type PatchStrategy,
} from './patch-schema.js';
export { serverSideApply } from './server-side-apply.js';
export { strategicMergePatch } from './strategic-merge.js';
