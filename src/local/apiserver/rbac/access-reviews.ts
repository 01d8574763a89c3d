import type { AccessControl } from '../auth/access-control.js';
import type { UserInfo } from '../auth/user-info.js';
import { badRequest, invalid } from '../model/api-error.js';
import { type FieldError, FieldErrorType } from '../model/field-error.js';
import { isJsonObject } from '../model/object.js';
import { aggregateErrors } from './authorizer.js';
import { nonResourceAttributes, type RequestAttributes, resourceAttributes } from './request-attributes.js';

/** The access review kinds of `authorization.k8s.io/v1`. */
export const AccessReviewKinds = {
  selfsubjectaccessreviews: 'SelfSubjectAccessReview',
  subjectaccessreviews: 'SubjectAccessReview',
  localsubjectaccessreviews: 'LocalSubjectAccessReview',
} as const;
export type AccessReviewResource = keyof typeof AccessReviewKinds;

type Json = Record<string, unknown>;

const group = 'authorization.k8s.io';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function specOf(body: unknown): Json {
  if (!isJsonObject(body)) throw badRequest('the body of the request must be a JSON object');
  return isJsonObject(body.spec) ? body.spec : {};
}

function reviewedUser(kind: string, spec: Json, requester: UserInfo): UserInfo {
  if (kind === 'SelfSubjectAccessReview') return requester;
  const extra: Record<string, string[]> = {};
  if (isJsonObject(spec.extra)) {
    for (const [key, values] of Object.entries(spec.extra))
      extra[key] = Array.isArray(values) ? values.map(text) : [];
  }
  return {
    name: text(spec.user),
    uid: text(spec.uid),
    groups: Array.isArray(spec.groups) ? spec.groups.map(text) : [],
    extra,
  };
}

function validate(kind: string, spec: Json, namespace: string): FieldError[] {
  const errors: FieldError[] = [];
  const invalidField = (field: string, badValue: unknown, detail: string) =>
    errors.push({ type: FieldErrorType.Invalid, field, badValue, detail });
  const resource = spec.resourceAttributes;
  const nonResource = spec.nonResourceAttributes;
  if (resource !== undefined && nonResource !== undefined)
    invalidField(
      'spec.nonResourceAttributes',
      nonResource,
      'cannot be specified in combination with resourceAttributes',
    );
  if (resource === undefined && nonResource === undefined)
    invalidField(
      'spec.resourceAttributes',
      'null',
      'exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  if (
    kind !== 'SelfSubjectAccessReview' &&
    !text(spec.user) &&
    !(Array.isArray(spec.groups) && spec.groups.length)
  )
    invalidField('spec.user', text(spec.user), 'at least one of user or group must be specified');
  if (kind === 'LocalSubjectAccessReview') {
    if (isJsonObject(resource) && text(resource.namespace) !== namespace)
      invalidField(
        'spec.resourceAttributes.namespace',
        text(resource.namespace),
        'must match metadata.namespace',
      );
    if (nonResource !== undefined)
      invalidField('spec.nonResourceAttributes', nonResource, 'disallowed on this kind of request');
  }
  return errors;
}

function attributesOf(spec: Json, user: UserInfo): RequestAttributes {
  if (isJsonObject(spec.nonResourceAttributes)) {
    const asked = spec.nonResourceAttributes;
    return nonResourceAttributes(user, text(asked.verb), text(asked.path));
  }
  const asked = isJsonObject(spec.resourceAttributes) ? spec.resourceAttributes : {};
  return resourceAttributes(user, {
    verb: text(asked.verb),
    namespace: text(asked.namespace),
    apiGroup: text(asked.group),
    apiVersion: text(asked.version),
    resource: text(asked.resource),
    subresource: text(asked.subresource),
    name: text(asked.name),
  });
}

/**
 * Answers a SelfSubjectAccessReview (`kubectl auth can-i`), SubjectAccessReview or LocalSubjectAccessReview
 * (`namespace`: the URL's): the request with `status.allowed` and the authorizer's reason.
 */
export function accessReview(
  resource: AccessReviewResource,
  body: unknown,
  context: { access: AccessControl; requester: UserInfo; namespace: string },
): Json {
  const kind = AccessReviewKinds[resource];
  const spec = specOf(body);
  const errors = validate(kind, spec, context.namespace);
  if (errors.length > 0) throw invalid({ group, kind }, '', errors);
  const result = context.access.review(attributesOf(spec, reviewedUser(kind, spec, context.requester)));
  const allowed = result.decision === 'allow';
  return {
    kind,
    apiVersion: `${group}/v1`,
    metadata: { creationTimestamp: null, ...(context.namespace ? { namespace: context.namespace } : {}) },
    spec,
    status: {
      allowed,
      ...(result.decision === 'deny' ? { denied: true } : {}),
      ...(result.reason ? { reason: result.reason } : {}),
    },
  };
}

/** Answers a SelfSubjectRulesReview (`kubectl auth can-i --list`): the requester's rules in `spec.namespace`. */
export function rulesReview(body: unknown, context: { access: AccessControl; requester: UserInfo }): Json {
  const spec = specOf(body);
  const { rules, errors } = context.access.rulesFor(context.requester, text(spec.namespace));
  const resourceRules: Json[] = [];
  const nonResourceRules: Json[] = [];
  for (const rule of rules) {
    if (rule.resources.length > 0) {
      resourceRules.push({
        verbs: rule.verbs,
        apiGroups: rule.apiGroups,
        resources: rule.resources,
        ...(rule.resourceNames.length > 0 ? { resourceNames: rule.resourceNames } : {}),
      });
    }
    if (rule.nonResourceURLs.length > 0)
      nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
  }
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: `${group}/v1`,
    metadata: { creationTimestamp: null },
    spec,
    status: {
      resourceRules,
      nonResourceRules,
      incomplete: errors.length > 0,
      ...(errors.length > 0 ? { evaluationError: aggregateErrors(errors) } : {}),
    },
  };
}

/** Answers a SelfSubjectReview (`kubectl auth whoami`): who the request acts as. */
export function selfSubjectReview(requester: UserInfo): Json {
  const extra = Object.keys(requester.extra).length > 0 ? { extra: requester.extra } : {};
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: {
      userInfo: {
        username: requester.name,
        ...(requester.uid ? { uid: requester.uid } : {}),
        groups: requester.groups,
        ...extra,
      },
    },
  };
}
