import { rfc3339 } from '../../../platform/clock.js';
import { type FieldError, FieldErrorType } from '../model/field-error.js';
import { isJsonObject, type JsonObject, type KubeObject } from '../model/object.js';
import type { KindBehaviour } from '../resources/resource-type.js';
import { validateCrdSchema } from '../schema/index.js';

type Json = Record<string, unknown>;

function objectAt(value: unknown): Json {
  return isJsonObject(value) ? value : {};
}

/** Defaults of `spec.names` (singular, listKind) the real server fills in. */
function defaultNames(spec: Json): void {
  const names = objectAt(spec.names);
  if (typeof names.kind === 'string') {
    names.singular ??= names.kind.toLowerCase();
    names.listKind ??= `${names.kind}List`;
  }
  spec.names = names;
  if (Array.isArray(spec.versions)) {
    for (const version of spec.versions) {
      if (isJsonObject(version) && version.deprecated === undefined) version.served ??= true;
    }
  }
  spec.conversion ??= { strategy: 'None' };
}

function establish(object: KubeObject, now: Date, previousStored: string[]): void {
  const spec = objectAt(object.spec);
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isJsonObject) : [];
  const storage = versions.find((v) => v.storage === true)?.name;
  const stored = new Set(previousStored);
  if (typeof storage === 'string') stored.add(storage);
  const time = rfc3339(now);
  object.status = {
    acceptedNames: spec.names,
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        reason: 'NoConflicts',
        message: 'no conflicts found',
        lastTransitionTime: time,
      },
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
        lastTransitionTime: time,
      },
    ],
    storedVersions: [...stored],
  };
}

function storedVersionsOf(object: KubeObject): string[] {
  const status = objectAt(object.status);
  return Array.isArray(status.storedVersions)
    ? status.storedVersions.filter((v): v is string => typeof v === 'string')
    : [];
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validateCrd(object: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const spec = objectAt(object.spec);
  const names = objectAt(spec.names);
  const group = spec.group;
  if (typeof group !== 'string' || group === '')
    errors.push({ type: FieldErrorType.Required, field: 'spec.group' });
  else if (!group.includes('.')) {
    errors.push({
      type: FieldErrorType.Invalid,
      field: 'spec.group',
      badValue: group,
      detail: 'should be a domain with at least one dot',
    });
  }
  for (const key of ['plural', 'kind'] as const) {
    if (typeof names[key] !== 'string' || names[key] === '')
      errors.push({ type: FieldErrorType.Required, field: `spec.names.${key}` });
  }
  if (typeof names.plural === 'string' && !dns1123Label.test(names.plural)) {
    errors.push({
      type: FieldErrorType.Invalid,
      field: 'spec.names.plural',
      badValue: names.plural,
      detail: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'",
    });
  }
  if (
    typeof names.plural === 'string' &&
    typeof group === 'string' &&
    object.metadata.name !== `${names.plural}.${group}`
  ) {
    errors.push({
      type: FieldErrorType.Invalid,
      field: 'metadata.name',
      badValue: object.metadata.name,
      detail: 'must be spec.names.plural+"."+spec.group',
    });
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    errors.push({
      type: FieldErrorType.NotSupported,
      field: 'spec.scope',
      badValue: spec.scope ?? '',
      detail: 'supported values: "Cluster", "Namespaced"',
    });
  }
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0)
    errors.push({
      type: FieldErrorType.Required,
      field: 'spec.versions',
      detail: 'must have exactly one version marked as storage version',
    });
  const storageCount = versions.filter((v) => isJsonObject(v) && v.storage === true).length;
  if (versions.length > 0 && storageCount !== 1) {
    errors.push({
      type: FieldErrorType.Invalid,
      field: 'spec.versions',
      badValue: versions.map((v) => objectAt(v).name),
      detail: 'must have exactly one version marked as storage version',
    });
  }
  versions.forEach((v, i) => {
    const version = objectAt(v);
    if (typeof version.name !== 'string' || version.name === '')
      errors.push({ type: FieldErrorType.Required, field: `spec.versions[${i}].name` });
    const schema = objectAt(objectAt(version.schema).openAPIV3Schema);
    if (Object.keys(schema).length === 0) {
      errors.push({
        type: FieldErrorType.Required,
        field: `spec.versions[${i}].schema.openAPIV3Schema`,
        detail: 'schemas are required',
      });
    } else {
      for (const e of validateCrdSchema(schema as JsonObject))
        errors.push({
          ...e,
          field: `spec.versions[${i}].schema.openAPIV3Schema${e.field ? `.${e.field}` : ''}`,
        });
    }
  });
  if (old) {
    const oldSpec = objectAt(old.spec);
    if (oldSpec.scope !== spec.scope)
      errors.push({
        type: FieldErrorType.Invalid,
        field: 'spec.scope',
        badValue: spec.scope,
        detail: 'field is immutable',
      });
    if (oldSpec.group !== spec.group)
      errors.push({
        type: FieldErrorType.Invalid,
        field: 'spec.group',
        badValue: spec.group,
        detail: 'field is immutable',
      });
  }
  return errors;
}

/** CustomResourceDefinitions: defaulted names, validated structure and schemas, established at once. */
export const crdBehaviour: KindBehaviour = {
  prepareForCreate(object, context) {
    defaultNames(objectAt(object.spec));
    establish(object, context.now, []);
  },
  prepareForUpdate(object, old, context) {
    defaultNames(objectAt(object.spec));
    establish(object, context.now, storedVersionsOf(old));
    // Conditions keep their transition times while they stay true.
    const oldConditions = objectAt(old.status).conditions;
    if (Array.isArray(oldConditions) && oldConditions.length > 0)
      objectAt(object.status).conditions = oldConditions;
  },
  validate: validateCrd,
};
