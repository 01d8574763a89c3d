import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../model/api-error.js';
import { forbidden } from '../rbac/forbidden.js';
import { type RequestAttributes, resourceAttributes } from '../rbac/request-attributes.js';
import {
  Groups,
  serviceAccountGroups,
  splitServiceAccountUsername,
  type UserInfo,
  Users,
} from './user-info.js';

/** Request headers with every value as a list (`IncomingMessage.headersDistinct`). */
export type DistinctHeaders = Record<string, string[] | undefined>;

const extraPrefix = 'impersonate-extra-';

/** Answers whether the requester may do what `attributes` describe (and the authorizer's reason). */
export type Decide = (attributes: RequestAttributes) => { allowed: boolean; reason: string };

/** Whether the request carries any `Impersonate-*` header. */
export function wantsImpersonation(headers: IncomingHttpHeaders): boolean {
  return Object.keys(headers).some((h) => h.startsWith('impersonate-'));
}

/**
 * The user a request acts as when it carries `Impersonate-User` (and `-Group`, `-Uid`, `-Extra-*`): each
 * impersonated value needs the `impersonate` verb on `users`/`serviceaccounts`/`groups`/`uids`/`userextras`,
 * else 403. Impersonated users get `system:authenticated` (service accounts their namespace's groups too
 * when no group is given), as Kubernetes does.
 */
export function impersonate(requester: UserInfo, headers: DistinctHeaders, decide: Decide): UserInfo {
  const name = headers['impersonate-user']?.[0];
  const givenGroups = headers['impersonate-group'] ?? [];
  const uid = headers['impersonate-uid']?.[0];
  const extra: Record<string, string[]> = {};
  for (const [header, values] of Object.entries(headers)) {
    if (header.startsWith(extraPrefix) && values)
      extra[decodeURIComponent(header.slice(extraPrefix.length))] = values;
  }
  if (name === undefined) {
    throw new ApiError(
      'InternalError',
      'Internal error occurred: requested impersonation of groups, uid or extra without impersonating a user',
    );
  }
  const check = (attributes: Omit<Parameters<typeof resourceAttributes>[1], 'verb'>) => {
    const asked = resourceAttributes(requester, { ...attributes, verb: 'impersonate' });
    const { allowed, reason } = decide(asked);
    if (!allowed) throw forbidden(asked, reason);
  };
  let groups = [...givenGroups];
  const account = splitServiceAccountUsername(name);
  if (account) {
    check({ resource: 'serviceaccounts', namespace: account.namespace, name: account.name });
    if (givenGroups.length === 0) groups = serviceAccountGroups(account.namespace);
  } else {
    check({ resource: 'users', name });
  }
  for (const group of givenGroups) check({ resource: 'groups', name: group });
  for (const [key, values] of Object.entries(extra)) {
    for (const value of values)
      check({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: value });
  }
  if (uid !== undefined) check({ apiGroup: 'authentication.k8s.io', resource: 'uids', name: uid });
  if (name === Users.anonymous) {
    if (!groups.includes(Groups.unauthenticated)) groups.push(Groups.unauthenticated);
  } else if (!groups.includes(Groups.authenticated) && !groups.includes(Groups.unauthenticated)) {
    groups.push(Groups.authenticated);
  }
  return { name, uid: uid ?? '', groups, extra };
}
