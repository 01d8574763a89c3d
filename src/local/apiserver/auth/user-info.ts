/** Who a request acts as, once authenticated (and impersonated): Kubernetes' `user.Info`. */
export interface UserInfo {
  name: string;
  /** The ServiceAccount's uid for service account users; empty otherwise. */
  uid: string;
  groups: string[];
  /** Extra attributes (impersonated `Impersonate-Extra-*`). */
  extra: Record<string, string[]>;
}

/** The well-known user and group names of Kubernetes. */
export const Users = {
  anonymous: 'system:anonymous',
  /** The kubeconfig's administrator. */
  admin: 'kubernetes-admin',
} as const;

export const Groups = {
  authenticated: 'system:authenticated',
  unauthenticated: 'system:unauthenticated',
  /** Members are allowed everything, before RBAC is asked. */
  masters: 'system:masters',
  serviceAccounts: 'system:serviceaccounts',
  monitoring: 'system:monitoring',
} as const;

const serviceAccountPrefix = 'system:serviceaccount:';

/** `system:serviceaccount:<namespace>:<name>` */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${serviceAccountPrefix}${namespace}:${name}`;
}

/** The namespace and name of a service account username, or undefined for other users. */
export function splitServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(serviceAccountPrefix)) return undefined;
  const parts = username.slice(serviceAccountPrefix.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The groups every service account of a namespace belongs to. */
export function serviceAccountGroups(namespace: string): string[] {
  return [Groups.serviceAccounts, `${Groups.serviceAccounts}:${namespace}`];
}

/** A user with no uid and no extras. */
export function user(name: string, groups: string[], uid = ''): UserInfo {
  return { name, uid, groups, extra: {} };
}

/** The identity of requests without credentials. */
export const anonymousUser = (): UserInfo => user(Users.anonymous, [Groups.unauthenticated]);

/** The kubeconfig's administrator: a member of `system:masters`. */
export const adminUser = (): UserInfo => user(Users.admin, [Groups.masters, Groups.authenticated]);
