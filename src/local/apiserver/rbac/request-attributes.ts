import type { UserInfo } from '../auth/user-info.js';

/** What authorization decides on: Kubernetes' `authorizer.Attributes`. */
export interface RequestAttributes {
  user: UserInfo;
  /** `get`, `list`, … for resources; the lower-case HTTP method for non-resource paths; `impersonate`. */
  verb: string;
  /** Whether the request addresses a resource (else a non-resource path like `/apis`). */
  resourceRequest: boolean;
  namespace: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
  /** The URL path (non-resource requests). */
  path: string;
}

/** Attributes of a resource request. */
export function resourceAttributes(
  user: UserInfo,
  attributes: Partial<Omit<RequestAttributes, 'user' | 'resourceRequest' | 'path'>> & { verb: string },
): RequestAttributes {
  return {
    user,
    resourceRequest: true,
    namespace: '',
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    name: '',
    path: '',
    ...attributes,
  };
}

/** Attributes of a non-resource request. */
export function nonResourceAttributes(user: UserInfo, verb: string, path: string): RequestAttributes {
  return {
    user,
    verb,
    resourceRequest: false,
    namespace: '',
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    name: '',
    path,
  };
}
