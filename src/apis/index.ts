export * from './crds.js';
export * from './crds-yaml.js';
export * from './flagger/v1beta1/index.js';
export type { JsonSchemaNode, JsonValue } from './json-schema.js';
export { toJsonSchema } from './json-schema.js';
export type { FieldViolation, Validation } from './validation/field-violation.js';
