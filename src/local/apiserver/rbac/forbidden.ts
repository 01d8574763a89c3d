import { ApiError } from '../model/api-error.js';
import type { RequestAttributes } from './request-attributes.js';

/** `User "<name>" cannot <verb> resource "<resource>" in API group "<group>" in the namespace "<ns>"`, as Kubernetes words it. */
export function forbiddenReason(attributes: RequestAttributes): string {
  const who = `User "${attributes.user.name}" cannot ${attributes.verb}`;
  if (!attributes.resourceRequest) return `${who} path "${attributes.path}"`;
  const resource = attributes.subresource
    ? `${attributes.resource}/${attributes.subresource}`
    : attributes.resource;
  const where = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  return `${who} resource "${resource}" in API group "${attributes.apiGroup}" ${where}`;
}

/**
 * The 403 a refused request gets: `deployments.apps "podinfo" is forbidden: User … cannot get resource
 * "deployments" in API group "apps" in the namespace "test"`, with the authorizer's reason appended.
 */
export function forbidden(attributes: RequestAttributes, authorizerReason: string): ApiError {
  const why = authorizerReason
    ? `${forbiddenReason(attributes)}: ${authorizerReason}`
    : forbiddenReason(attributes);
  const { apiGroup: group, resource, name } = attributes;
  if (!attributes.resourceRequest || !resource) return new ApiError('Forbidden', `forbidden: ${why}`, {});
  const qualified = group ? `${resource}.${group}` : resource;
  const subject = name ? `${qualified} "${name}"` : qualified;
  return new ApiError('Forbidden', `${subject} is forbidden: ${why}`, {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind: resource,
  });
}
