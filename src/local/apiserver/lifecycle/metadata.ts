import { randomUUID } from 'node:crypto';
import { type FieldError, FieldErrorType } from '../model/field-error.js';
import type { KubeObject } from '../model/object.js';

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose names must be DNS-1123 labels rather than subdomains. */
const labelNamedKinds = new Set(['Namespace', 'Service']);

/** RBAC kinds, whose names only have to be valid path segments (`system:discovery`). */
const pathSegmentNamedKinds = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Kubernetes' `IsValidPathSegmentName` messages for a name that is not a valid path segment. */
function pathSegmentProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/** Validates `metadata.name` (and namespace) the way the real server does for the kind. */
export function validateObjectMeta(object: KubeObject, kind: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = object.metadata.name;
  if (!name) {
    errors.push({
      type: FieldErrorType.Required,
      field: 'metadata.name',
      detail: 'name or generateName is required',
    });
    return errors;
  }
  if (pathSegmentNamedKinds.has(kind)) {
    for (const detail of pathSegmentProblems(name))
      errors.push({ type: FieldErrorType.Invalid, field: 'metadata.name', badValue: name, detail });
  } else if (labelNamedKinds.has(kind)) {
    if (name.length > 63 || !dns1123Label.test(name)) {
      errors.push({
        type: FieldErrorType.Invalid,
        field: 'metadata.name',
        badValue: name,
        detail:
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      });
    }
  } else if (name.length > 253 || !dns1123Subdomain.test(name)) {
    errors.push({
      type: FieldErrorType.Invalid,
      field: 'metadata.name',
      badValue: name,
      detail:
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    });
  }
  for (const [field, map] of [
    ['metadata.labels', object.metadata.labels],
    ['metadata.annotations', object.metadata.annotations],
  ] as const) {
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map)) {
      errors.push({ type: FieldErrorType.Invalid, field, badValue: map, detail: 'must be a map of strings' });
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'string') {
        errors.push({
          type: FieldErrorType.Invalid,
          field: `${field}[${key}]`,
          badValue: value,
          detail: 'must be a string',
        });
      } else if (field === 'metadata.labels' && value.length > 63) {
        errors.push({
          type: FieldErrorType.Invalid,
          field: `${field}`,
          badValue: value,
          detail: 'must be no more than 63 characters',
        });
      }
    }
  }
  return errors;
}

const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` + 5 random characters from the apimachinery alphabet. */
export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += suffixAlphabet[Math.floor(Math.random() * suffixAlphabet.length)];
  return `${prefix.slice(0, 58)}${suffix}`;
}

/** A fresh object UID. */
export function newUid(): string {
  return randomUUID();
}

/** Everything but metadata and status: what bumps `generation` when it changes. */
export function specPart(object: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}

// Deep copy and equality live with the JSON model; kept importable from here for the lifecycle code.
export { cloneJson, jsonEqual } from '../model/json.js';
