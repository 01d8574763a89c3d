import { Groups } from '../auth/user-info.js';
import type { ResourceService } from '../lifecycle/resource-service.js';
import type { ResourceRegistry } from '../resources/registry.js';
import { rbacGroup } from './policy.js';

const metadata = (name: string) => ({
  name,
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
});

const get = ['get'];
const publicInfo = ['/healthz', '/livez', '/readyz', '/version', '/version/'];

/** Kubernetes' default ClusterRoles that matter here (no aggregated `admin`/`edit`/`view`). */
const clusterRoles: Record<string, unknown[]> = {
  'cluster-admin': [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ],
  'system:discovery': [
    {
      nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/openapi', '/openapi/*', ...publicInfo],
      verbs: get,
    },
  ],
  'system:basic-user': [
    {
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      verbs: ['create'],
    },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ],
  'system:public-info-viewer': [{ nonResourceURLs: publicInfo, verbs: get }],
  'system:monitoring': [
    {
      nonResourceURLs: ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/readyz', '/readyz/*'],
      verbs: get,
    },
  ],
};

/** Their default bindings: role name → groups. */
const clusterRoleBindings: Record<string, string[]> = {
  'cluster-admin': [Groups.masters],
  'system:discovery': [Groups.authenticated],
  'system:basic-user': [Groups.authenticated],
  'system:public-info-viewer': [Groups.authenticated, Groups.unauthenticated],
  'system:monitoring': [Groups.monitoring],
};

/**
 * Creates the default ClusterRoles and ClusterRoleBindings a cluster starts with, those missing at each
 * start (a user's edits are kept, deleted ones come back): administrators (`system:masters`) may do everything, authenticated users
 * may read discovery and ask access reviews, everyone may read health and version.
 */
export function bootstrapPolicy(registry: ResourceRegistry, resources: ResourceService): void {
  const roles = registry.lookup(rbacGroup, 'v1', 'clusterroles');
  const bindings = registry.lookup(rbacGroup, 'v1', 'clusterrolebindings');
  if (!roles || !bindings) throw new Error('RBAC types are not registered');
  for (const [name, rules] of Object.entries(clusterRoles)) {
    if (!resources.stored(roles, '', name)) resources.create(roles, '', { metadata: metadata(name), rules });
  }
  for (const [name, groups] of Object.entries(clusterRoleBindings)) {
    if (resources.stored(bindings, '', name)) continue;
    resources.create(bindings, '', {
      metadata: metadata(name),
      roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name },
      subjects: groups.map((group) => ({ apiGroup: rbacGroup, kind: 'Group', name: group })),
    });
  }
}
