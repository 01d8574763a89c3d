import { describe, expect, it } from 'vitest';
import {
  granted,
  leaderElectionPermissions,
  type Manifest,
  manifests,
  namespacedRbacManifest,
  operatorPermissions,
} from './operator-permissions.js';

const sorted = (keys: Iterable<string>) => [...keys].sort();

/** Verbs and resources no version of the operator needs: granting one is a mistake, not a feature. */
const never = {
  verbs: ['*', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate', 'approve', 'sign'],
  resources: [
    '*',
    'pods',
    'pods/exec',
    'pods/attach',
    'pods/portforward',
    'nodes',
    'namespaces',
    'serviceaccounts',
    'serviceaccounts/token',
    'roles',
    'rolebindings',
    'clusterroles',
    'clusterrolebindings',
    'customresourcedefinitions',
    'mutatingwebhookconfigurations',
    'validatingwebhookconfigurations',
  ],
};

function only(documents: Manifest[], kind: string): Manifest {
  const found = documents.filter((d) => d.kind === kind);
  expect(
    found.map((d) => d.metadata.name),
    `one ${kind}`,
  ).toHaveLength(1);
  return found[0] as Manifest;
}

function expectNarrow(role: Manifest): void {
  for (const rule of role.rules ?? []) {
    expect(rule.apiGroups ?? [], 'apiGroups').not.toContain('*');
    expect(rule.nonResourceURLs, 'nonResourceURLs').toBeUndefined();
    for (const verb of rule.verbs ?? []) expect(never.verbs, `verb ${verb}`).not.toContain(verb);
    for (const resource of rule.resources ?? []) {
      expect(never.resources, `resource ${resource}`).not.toContain(resource);
      expect(resource, 'resource wildcard').not.toMatch(/\*/);
    }
  }
}

describe('deploy/rbac/rbac.yaml (the allow-list: a new permission must be added here, with its reason)', () => {
  const documents = manifests();

  it('the ClusterRole grants exactly the operator permissions, the Role exactly the Lease ones', () => {
    expect(sorted(granted(only(documents, 'ClusterRole')))).toEqual(sorted(Object.keys(operatorPermissions)));
    expect(sorted(granted(only(documents, 'Role')))).toEqual(sorted(Object.keys(leaderElectionPermissions)));
  });

  it('names no wildcard, no non-resource URL, nothing destructive or escalating', () => {
    expectNarrow(only(documents, 'ClusterRole'));
    expectNarrow(only(documents, 'Role'));
  });

  it("binds both roles to the weir ServiceAccount of the operator's namespace, the Role in that namespace", () => {
    const account = only(documents, 'ServiceAccount');
    expect(account.metadata.name).toBe('weir');
    const namespace = account.metadata.namespace;
    const subject = [{ kind: 'ServiceAccount', name: 'weir', namespace }];
    const clusterBinding = only(documents, 'ClusterRoleBinding');
    expect(clusterBinding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: only(documents, 'ClusterRole').metadata.name,
    });
    expect(clusterBinding.subjects).toEqual(subject);
    const role = only(documents, 'Role');
    const binding = only(documents, 'RoleBinding');
    expect([role.metadata.namespace, binding.metadata.namespace]).toEqual([namespace, namespace]);
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: role.metadata.name,
    });
    expect(binding.subjects).toEqual(subject);
  });

  it('every permission says why the operator needs it', () => {
    for (const [key, { why }] of Object.entries({ ...operatorPermissions, ...leaderElectionPermissions }))
      expect(why.length, key).toBeGreaterThan(5);
  });
});

describe('deploy/rbac/rbac-namespaced.yaml (-namespace)', () => {
  const documents = manifests(namespacedRbacManifest);

  it('is one Role with the same permissions plus the Lease, bound in its namespace, and nothing cluster-wide', () => {
    expect(documents.map((d) => d.kind).sort()).toEqual(['Role', 'RoleBinding', 'ServiceAccount']);
    const role = only(documents, 'Role');
    expect(sorted(granted(role))).toEqual(
      sorted([...Object.keys(operatorPermissions), ...Object.keys(leaderElectionPermissions)]),
    );
    expectNarrow(role);
    const namespace = role.metadata.namespace;
    const binding = only(documents, 'RoleBinding');
    expect(binding.metadata.namespace).toBe(namespace);
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'weir', namespace }]);
    expect(only(documents, 'ServiceAccount').metadata.namespace).toBe(namespace);
  });
});
