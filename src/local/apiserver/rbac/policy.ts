import { isJsonObject, type KubeObject } from '../model/object.js';

/** One rule of a Role or ClusterRole (`rbac.authorization.k8s.io/v1` PolicyRule). */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  /** Resources, `resource/subresource`, `*\/subresource` or `*`. */
  resources: string[];
  /** Empty: any name. */
  resourceNames: string[];
  /** Non-resource paths, `*` suffixes match prefixes. */
  nonResourceURLs: string[];
}

/** Who a binding grants its role to. */
export interface Subject {
  kind: string;
  name: string;
  /** For ServiceAccounts; a RoleBinding's own namespace when empty. */
  namespace: string;
}

/** The role a binding refers to. */
export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

/** A RoleBinding or ClusterRoleBinding, parsed. */
export interface Binding {
  name: string;
  /** Empty for ClusterRoleBindings. */
  namespace: string;
  subjects: Subject[];
  roleRef: RoleRef;
}

/** Storage keys of the RBAC kinds. */
export const RbacStorage = {
  roles: 'roles.rbac.authorization.k8s.io',
  clusterRoles: 'clusterroles.rbac.authorization.k8s.io',
  roleBindings: 'rolebindings.rbac.authorization.k8s.io',
  clusterRoleBindings: 'clusterrolebindings.rbac.authorization.k8s.io',
} as const;

export const rbacGroup = 'rbac.authorization.k8s.io';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The rules of a stored Role or ClusterRole (malformed entries dropped). */
export function rulesOf(role: KubeObject): PolicyRule[] {
  const rules = Array.isArray(role.rules) ? role.rules : [];
  return rules.filter(isJsonObject).map((rule) => ({
    verbs: strings(rule.verbs),
    apiGroups: strings(rule.apiGroups),
    resources: strings(rule.resources),
    resourceNames: strings(rule.resourceNames),
    nonResourceURLs: strings(rule.nonResourceURLs),
  }));
}

/** A stored RoleBinding or ClusterRoleBinding, parsed. */
export function bindingOf(object: KubeObject): Binding {
  const subjects = Array.isArray(object.subjects) ? object.subjects : [];
  const ref = isJsonObject(object.roleRef) ? object.roleRef : {};
  return {
    name: object.metadata.name ?? '',
    namespace: object.metadata.namespace ?? '',
    subjects: subjects.filter(isJsonObject).map((s) => ({
      kind: text(s.kind),
      name: text(s.name),
      namespace: text(s.namespace),
    })),
    roleRef: { apiGroup: text(ref.apiGroup), kind: text(ref.kind), name: text(ref.name) },
  };
}
