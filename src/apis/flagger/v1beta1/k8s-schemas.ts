import { type SchemaOptions, type Static, type TSchema, type TUnsafe, Type } from '@sinclair/typebox';
import type { ObjectMeta } from '../../../kube/kube-object.js';
import type { JsonSchemaNode } from '../../json-schema.js';

/**
 * Flagger's duration pattern (analysis, metric and webhook intervals). It is anchored at the start only, as
 * upstream declares it, so `1m30s` and `10ms` pass too.
 */
export const durationPattern = '^[0-9]+(m|s)';

/** A string restricted to `values`, emitted as an OpenAPI `enum` (a TypeBox union would become `anyOf`). */
export function stringEnum<const V extends readonly string[]>(
  values: V,
  options: SchemaOptions = {},
): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ ...options, type: 'string', enum: [...values] });
}

/** An object with arbitrary keys whose values all match `value` (OpenAPI `additionalProperties`). */
export function mapOf<T extends TSchema>(
  value: T,
  options: SchemaOptions = {},
): TUnsafe<Record<string, Static<T>>> {
  return Type.Unsafe<Record<string, Static<T>>>({ ...options, type: 'object', additionalProperties: value });
}

/** A map of strings: labels, annotations, webhook metadata, template variables. */
export function stringMap(options: SchemaOptions = {}): TUnsafe<Record<string, string>> {
  return mapOf(Type.String(), options);
}

/** A list of strings. */
export function stringList(options: SchemaOptions = {}) {
  return Type.Array(Type.String(), options);
}

/** A Kubernetes `IntOrString` (a port number or a port name), marked `x-kubernetes-int-or-string`. */
export function intOrString(options: SchemaOptions = {}): TUnsafe<number | string> {
  return Type.Unsafe<number | string>({ ...options, 'x-kubernetes-int-or-string': true });
}

/** A string as Istio's generated schemas declare it, with the informational `format: string`. */
export function istioString(options: SchemaOptions = {}) {
  return Type.String({ ...options, format: 'string' });
}

/** A `^[0-9]+(m|s)` duration such as `30s` or `1m`. */
export function duration(options: SchemaOptions = {}) {
  return Type.String({ ...options, pattern: durationPattern });
}

/** A `corev1.LocalObjectReference`: the name of a Secret in the object's own namespace. */
export function secretReference(options: SchemaOptions = {}) {
  return Type.Object({ name: Type.String({ description: 'Name of the Secret.' }) }, options);
}

/**
 * The envelope every object carries. `metadata` is declared as a bare object, as in every CRD (the API server
 * owns its schema); the TypeScript type is the full ObjectMeta.
 */
export function kubeObjectFields() {
  return {
    apiVersion: Type.String({
      description: 'Versioned schema of this representation of an object, here flagger.app/v1beta1.',
    }),
    kind: Type.String({ description: 'REST resource this object represents, in CamelCase.' }),
    metadata: Type.Unsafe<ObjectMeta>({ type: 'object' }),
  };
}

/** `oneOf` branches that allow exactly one of `fields`. */
export function exactlyOneOf(fields: readonly string[]): JsonSchemaNode[] {
  return fields.map((field) => ({ required: [field] }));
}

/** `oneOf` branches that allow at most one of `fields` (the first branch matches when none is set). */
export function atMostOneOf(fields: readonly string[]): JsonSchemaNode[] {
  return [{ not: { anyOf: exactlyOneOf(fields) } }, ...exactlyOneOf(fields)];
}
