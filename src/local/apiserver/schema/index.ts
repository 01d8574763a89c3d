export { validateCrdSchema } from './crd-schema-validation.js';
export { checkedFormatName } from './formats.js';
export { objectMetaFields } from './object-meta-fields.js';
export type { SchemaNode } from './schema-node.js';
export { compileStructuralSchema, type StructuralSchema } from './structural-schema.js';
