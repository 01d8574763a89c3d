import { describe, expect, it } from 'vitest';
import { testCore } from '../../../../test/support/core.js';
import { adminUser, Groups, serviceAccountGroups, user } from '../auth/user-info.js';
import { PrivilegedGroupAuthorizer } from './authorizer.js';
import { forbidden } from './forbidden.js';
import { RbacAuthorizer } from './rbac-authorizer.js';
import { resourceAttributes } from './request-attributes.js';

const rbac = 'rbac.authorization.k8s.io/v1';
const weir = user('system:serviceaccount:ops:weir', [...serviceAccountGroups('ops'), Groups.authenticated]);
const alice = user('alice', ['devs', Groups.authenticated]);

function world() {
  const core = testCore();
  for (const name of ['ops', 'test', 'other']) core.create('v1', 'namespaces', { metadata: { name } });
  const authorizer = new PrivilegedGroupAuthorizer([Groups.masters], new RbacAuthorizer(core.store));
  const can = (who: typeof weir, verb: string, apiGroup: string, resource: string, namespace = 'test') =>
    authorizer.authorize(resourceAttributes(who, { verb, apiGroup, resource, namespace })).decision ===
    'allow';
  return { core, authorizer, can };
}

describe('RbacAuthorizer', () => {
  it('allows through a ClusterRoleBinding everywhere and names it in the reason', () => {
    const { core, authorizer, can } = world();
    core.create(rbac, 'clusterroles', {
      metadata: { name: 'reader' },
      rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] }],
    });
    core.create(rbac, 'clusterrolebindings', {
      metadata: { name: 'weir-reads' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'weir', namespace: 'ops' }],
    });
    expect(can(weir, 'list', 'apps', 'deployments', 'other')).toBe(true);
    expect(can(weir, 'list', 'apps', 'deployments', '')).toBe(true);
    expect(can(weir, 'delete', 'apps', 'deployments')).toBe(false);
    expect(can(alice, 'list', 'apps', 'deployments')).toBe(false);
    const result = authorizer.authorize(
      resourceAttributes(weir, { verb: 'list', apiGroup: 'apps', resource: 'deployments' }),
    );
    expect(result.reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "weir-reads" of ClusterRole "reader" to ServiceAccount "weir/ops"',
    );
  });

  it('allows through a RoleBinding only in its namespace, with a Role or a ClusterRole', () => {
    const { core, can } = world();
    core.create(rbac, 'roles', {
      metadata: { name: 'leases', namespace: 'ops' },
      rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get'] }],
    });
    core.create(rbac, 'clusterroles', {
      metadata: { name: 'secrets' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
    });
    // A ServiceAccount subject without a namespace is the binding's namespace's.
    core.create(rbac, 'rolebindings', {
      metadata: { name: 'leases', namespace: 'ops' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'leases' },
      subjects: [{ kind: 'ServiceAccount', name: 'weir' }],
    });
    core.create(rbac, 'rolebindings', {
      metadata: { name: 'devs-secrets', namespace: 'test' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'secrets' },
      subjects: [{ kind: 'Group', name: 'devs' }],
    });
    expect(can(weir, 'get', 'coordination.k8s.io', 'leases', 'ops')).toBe(true);
    expect(can(weir, 'get', 'coordination.k8s.io', 'leases', 'test')).toBe(false);
    expect(can(alice, 'get', '', 'secrets', 'test')).toBe(true);
    expect(can(alice, 'get', '', 'secrets', 'other')).toBe(false);
    expect(can(alice, 'get', '', 'secrets', '')).toBe(false);
  });

  it('matches Users by name and the groups every authenticated user and service account has', () => {
    const { core, can } = world();
    core.create(rbac, 'clusterroles', {
      metadata: { name: 'pods' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }],
    });
    const bind = (name: string, subject: Record<string, string>) =>
      core.create(rbac, 'rolebindings', {
        metadata: { name, namespace: 'test' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pods' },
        subjects: [subject],
      });
    expect(can(alice, 'create', '', 'pods')).toBe(false);
    bind('alice', { kind: 'User', name: 'alice' });
    expect(can(alice, 'create', '', 'pods')).toBe(true);
    expect(can(weir, 'create', '', 'pods')).toBe(false);
    bind('accounts', { kind: 'Group', name: 'system:serviceaccounts' });
    expect(can(weir, 'create', '', 'pods')).toBe(true);
    expect(can(user('bob', [Groups.authenticated]), 'create', '', 'pods')).toBe(false);
    bind('everyone', { kind: 'Group', name: 'system:authenticated' });
    expect(can(user('bob', [Groups.authenticated]), 'create', '', 'pods')).toBe(true);
    expect(can(user('system:anonymous', [Groups.unauthenticated]), 'create', '', 'pods')).toBe(false);
  });

  it('reports bindings to missing roles as the reason of a refusal (once each), and still allows through others', () => {
    const { core, authorizer } = world();
    for (const [name, kind] of [
      ['a', 'ClusterRole'],
      ['b', 'Role'],
    ] as const) {
      core.create(rbac, 'rolebindings', {
        metadata: { name, namespace: 'test' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: `missing-${name}` },
        subjects: [{ kind: 'User', name: 'alice' }],
      });
    }
    const attributes = resourceAttributes(alice, {
      verb: 'get',
      apiGroup: '',
      resource: 'pods',
      namespace: 'test',
      name: 'p',
    });
    const result = authorizer.authorize(attributes);
    expect(result).toEqual({
      decision: 'no-opinion',
      reason:
        'RBAC: [clusterrole.rbac.authorization.k8s.io "missing-a" not found, role.rbac.authorization.k8s.io "missing-b" not found]',
    });
    expect(forbidden(attributes, result.reason).message).toBe(
      'pods "p" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "test": RBAC: [clusterrole.rbac.authorization.k8s.io "missing-a" not found, role.rbac.authorization.k8s.io "missing-b" not found]',
    );
  });

  it('lets system:masters do anything without asking RBAC', () => {
    const { can } = world();
    expect(can(adminUser(), 'deletecollection', 'anything.io', 'widgets', '')).toBe(true);
  });

  it('lists the rules of a user in a namespace (cluster-wide ones first)', () => {
    const { core, authorizer } = world();
    core.create(rbac, 'clusterroles', {
      metadata: { name: 'r' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    });
    core.create(rbac, 'clusterrolebindings', {
      metadata: { name: 'r' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' },
      subjects: [{ kind: 'Group', name: 'devs' }],
    });
    core.create(rbac, 'rolebindings', {
      metadata: { name: 'gone', namespace: 'test' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gone' },
      subjects: [{ kind: 'User', name: 'alice' }],
    });
    expect(authorizer.rulesFor(alice, 'test')).toEqual({
      rules: [
        { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [], nonResourceURLs: [] },
      ],
      errors: ['role.rbac.authorization.k8s.io "gone" not found'],
    });
    expect(authorizer.rulesFor(alice, 'other').errors).toEqual([]);
  });
});

describe('forbidden', () => {
  it('words a refusal as the real server does, for named, listed, cluster-scoped and non-resource requests', () => {
    const asked = (more: Parameters<typeof resourceAttributes>[1]) =>
      forbidden(resourceAttributes(weir, more), '');
    expect(
      asked({ verb: 'list', apiGroup: 'apps', resource: 'deployments', namespace: 'test' }).toStatus(),
    ).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'deployments.apps is forbidden: User "system:serviceaccount:ops:weir" cannot list resource "deployments" in API group "apps" in the namespace "test"',
      reason: 'Forbidden',
      details: { group: 'apps', kind: 'deployments' },
      code: 403,
    });
    expect(
      asked({
        verb: 'update',
        apiGroup: 'flagger.app',
        resource: 'canaries',
        subresource: 'status',
        name: 'podinfo',
        namespace: 'test',
      }).message,
    ).toBe(
      'canaries.flagger.app "podinfo" is forbidden: User "system:serviceaccount:ops:weir" cannot update resource "canaries/status" in API group "flagger.app" in the namespace "test"',
    );
    expect(asked({ verb: 'list', apiGroup: '', resource: 'nodes' }).toStatus().details).toEqual({
      kind: 'nodes',
    });
    expect(asked({ verb: 'list', apiGroup: '', resource: 'nodes' }).message).toBe(
      'nodes is forbidden: User "system:serviceaccount:ops:weir" cannot list resource "nodes" in API group "" at the cluster scope',
    );
  });
});
