import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.js';
import type { Kubectl } from '../../support/kubectl.js';
import { type RbacApi, startRbacApi } from './rbac-api.js';

let world: RbacApi;
let admin: Kubectl;
let token: string;
const weir = 'system:serviceaccount:test:weir';
const as = (...args: string[]) => admin.run(['--token', token, ...args]);

const role = (name: string, rules: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${name}, namespace: test}
rules: ${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: test}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${name}}
subjects: [{kind: ServiceAccount, name: weir}]
`;

beforeAll(async () => {
  world = await startRbacApi();
  admin = world.api.kubectl;
  await admin.ok(['create', 'namespace', 'test']);
  await admin.ok(['create', 'namespace', 'ops']);
  await admin.ok(['-n', 'test', 'create', 'serviceaccount', 'weir']);
  await admin.ok([
    '-n',
    'test',
    'create',
    'deployment',
    'podinfo',
    '--image=ghcr.io/stefanprodan/podinfo:6.0.0',
  ]);
  token = (await admin.ok(['-n', 'test', 'create', 'token', 'weir'])).trim();
});
afterAll(() => world?.api.stop());

describe('kubectl against the local API server with RBAC on', () => {
  it('the written kubeconfig is the administrator (system:masters), over HTTPS', async () => {
    expect(world.api.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await admin.ok(['auth', 'whoami'])).toMatch(
      /Username\s+kubernetes-admin\nGroups\s+\[system:masters system:authenticated\]/,
    );
    expect((await admin.ok(['auth', 'can-i', '*', '*', '--all-namespaces'])).trim()).toBe('yes');
  });

  it('a token from `kubectl create token` is the service account, refused with the real message without a role', async () => {
    expect(await as('auth', 'whoami')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /Username\s+system:serviceaccount:test:weir\n.*Groups\s+\[system:serviceaccounts system:serviceaccounts:test system:authenticated\]/s,
      ),
    });
    const listed = await as('-n', 'test', 'get', 'deployments');
    expect(listed.code).toBe(1);
    expect(listed.stderr.trim()).toBe(
      `Error from server (Forbidden): deployments.apps is forbidden: User "${weir}" cannot list resource "deployments" in API group "apps" in the namespace "test"`,
    );
  });

  it('a Role grants exactly its verbs, resources, subresources and names, in its namespace only', async () => {
    await admin.ok(
      ['apply', '-f', '-'],
      role('deploy-reader', '[{apiGroups: [apps], resources: [deployments], verbs: [get, list, watch]}]'),
    );
    expect((await as('-n', 'test', 'get', 'deployments', '-o', 'name')).stdout.trim()).toBe(
      'deployment.apps/podinfo',
    );
    expect((await as('-n', 'ops', 'get', 'deployments')).stderr).toContain(
      `cannot list resource "deployments" in API group "apps" in the namespace "ops"`,
    );
    expect((await as('-n', 'test', 'delete', 'deployment', 'podinfo')).stderr.trim()).toBe(
      `Error from server (Forbidden): deployments.apps "podinfo" is forbidden: User "${weir}" cannot delete resource "deployments" in API group "apps" in the namespace "test"`,
    );
    const scale = ['-n', 'test', 'scale', 'deployment', 'podinfo', '--replicas=2'];
    expect((await as(...scale)).stderr).toContain(
      `cannot patch resource "deployments/scale" in API group "apps"`,
    );
    await admin.ok(
      ['apply', '-f', '-'],
      role(
        'scaler',
        '[{apiGroups: [apps], resources: [deployments/scale], resourceNames: [other], verbs: [patch]}]',
      ),
    );
    expect((await as(...scale)).code).toBe(1);
    await admin.ok(
      ['apply', '-f', '-'],
      role(
        'scaler',
        '[{apiGroups: [apps], resources: [deployments/scale], resourceNames: [podinfo], verbs: [patch]}]',
      ),
    );
    expect(await as(...scale)).toMatchObject({ code: 0, stdout: 'deployment.apps/podinfo scaled\n' });
  });

  it('answers a token that proves nothing with 401', async () => {
    const listed = await admin.run(['--token', 'not-a-token', 'get', 'pods']);
    expect(listed.code).toBe(1);
    expect(listed.stderr.trim()).toBe('error: You must be logged in to the server (Unauthorized)');
    const raw = await world.get('/api/v1/namespaces/test/pods', `${token}x`);
    expect(raw.status).toBe(401);
    expect(JSON.parse(raw.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('fills a service-account-token Secret; the token dies with its ServiceAccount (and the Secret with it)', async () => {
    await admin.ok(['-n', 'test', 'create', 'serviceaccount', 'builder']);
    const legacy = await world.secretToken('test', 'builder');
    const secret = JSON.parse(await admin.ok(['-n', 'test', 'get', 'secret', 'builder-token', '-o', 'json']));
    expect(Buffer.from(secret.data.namespace, 'base64').toString()).toBe('test');
    const uid = (
      await admin.ok(['-n', 'test', 'get', 'sa', 'builder', '-o', 'jsonpath={.metadata.uid}'])
    ).trim();
    expect(secret.metadata.annotations['kubernetes.io/service-account.uid']).toBe(uid);
    expect(
      (
        await admin.ok(['--token', legacy, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'])
      ).trim(),
    ).toBe('system:serviceaccount:test:builder');
    await admin.ok(['-n', 'test', 'delete', 'serviceaccount', 'builder']);
    expect((await admin.run(['--token', legacy, 'auth', 'whoami'])).stderr).toContain('Unauthorized');
    await eventually(async () =>
      expect((await admin.run(['-n', 'test', 'get', 'secret', 'builder-token'])).stderr).toContain(
        'NotFound',
      ),
    );
  });

  it('lets the administrator impersonate (`--as`, `--as-group`), and others only what they may impersonate', async () => {
    expect(
      (await admin.run(['--as', weir, '-n', 'test', 'delete', 'deployment', 'podinfo'])).stderr,
    ).toContain(`User "${weir}" cannot delete resource "deployments"`);
    expect(await admin.ok(['--as', 'alice', '--as-group', 'devs', 'auth', 'whoami'])).toMatch(
      /Username\s+alice\nGroups\s+\[devs system:authenticated\]/,
    );
    expect((await as('--as', 'alice', 'get', 'pods')).stderr.trim()).toBe(
      `Error from server (Forbidden): users "alice" is forbidden: User "${weir}" cannot impersonate resource "users" in API group "" at the cluster scope`,
    );
    await admin.ok(
      ['apply', '-f', '-'],
      `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: impersonate-alice}
rules: [{apiGroups: [""], resources: [users], resourceNames: [alice], verbs: [impersonate]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: weir-impersonates-alice}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonate-alice}
subjects: [{kind: ServiceAccount, name: weir, namespace: test}]
`,
    );
    expect(
      (await as('--as', 'alice', 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}')).stdout,
    ).toBe('alice');
    expect((await as('--as', 'bob', 'get', 'pods')).stderr).toContain('users "bob" is forbidden');
    expect((await as('--as', 'alice', '--as-group', 'system:masters', 'get', 'pods')).stderr).toContain(
      'groups "system:masters" is forbidden',
    );
  });

  it('answers `kubectl auth can-i` (SelfSubjectAccessReview) and `--list` (SelfSubjectRulesReview) from RBAC', async () => {
    const canI = async (...args: string[]) => {
      const result = await admin.run(['--as', weir, 'auth', 'can-i', ...args]);
      return `${result.code} ${result.stdout.trim()}`;
    };
    expect(await canI('list', 'deployments', '-n', 'test')).toBe('0 yes');
    expect(await canI('watch', 'deployments.apps', '-n', 'test')).toBe('0 yes');
    expect(await canI('delete', 'deployments', '-n', 'test')).toBe('1 no');
    expect(await canI('list', 'deployments', '-n', 'ops')).toBe('1 no');
    expect(await canI('patch', 'deployments/podinfo', '--subresource=scale', '-n', 'test')).toBe('0 yes');
    expect(await canI('patch', 'deployments/other', '--subresource=scale', '-n', 'test')).toBe('1 no');
    expect(await canI('get', '/apis')).toBe('0 yes');
    expect(await canI('get', '/metrics')).toBe('1 no');
    const list = await admin.ok(['--as', weir, 'auth', 'can-i', '--list', '-n', 'test']);
    expect(list).toMatch(/^deployments\.apps\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
    expect(list).toMatch(/^deployments\.apps\/scale\s+\[\]\s+\[podinfo\]\s+\[patch\]$/m);
    expect(list).toMatch(/^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m);
  });

  it('binds to the groups every service account and every authenticated user has', async () => {
    const bind = (group: string, resource: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: read-${resource}}
rules: [{apiGroups: [""], resources: [${resource}], verbs: [list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: read-${resource}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: read-${resource}}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "${group}"}]
`;
    expect((await as('-n', 'ops', 'get', 'configmaps')).code).toBe(1);
    await admin.ok(['apply', '-f', '-'], bind('system:serviceaccounts', 'configmaps'));
    expect((await as('-n', 'ops', 'get', 'configmaps')).code).toBe(0);
    expect((await admin.run(['--as', 'carol', '-n', 'ops', 'get', 'configmaps'])).code).toBe(1);
    await admin.ok(['apply', '-f', '-'], bind('system:authenticated', 'services'));
    expect((await admin.run(['--as', 'carol', '-n', 'ops', 'get', 'services'])).code).toBe(0);
    expect((await world.get('/api/v1/namespaces/ops/services')).status).toBe(403);
  });

  it('tells a refusal that a binding names a missing role', async () => {
    await admin.ok(['apply', '-f', '-'], role('gone', '[]'));
    await admin.ok(['-n', 'test', 'delete', 'role', 'gone']);
    expect((await as('-n', 'test', 'get', 'secrets')).stderr.trim()).toBe(
      `Error from server (Forbidden): secrets is forbidden: User "${weir}" cannot list resource "secrets" in API group "" in the namespace "test": RBAC: role.rbac.authorization.k8s.io "gone" not found`,
    );
  });

  it('serves health and version to everyone, discovery to authenticated users only', async () => {
    expect(await world.get('/healthz')).toEqual({ status: 200, body: 'ok' });
    expect((await world.get('/version')).status).toBe(200);
    const api = await world.get('/api');
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body).message).toBe('forbidden: User "system:anonymous" cannot get path "/api"');
    expect((await world.get('/api', token)).status).toBe(200);
    expect((await world.get('/apis/apps/v1', token)).status).toBe(200);
    expect((await world.get('/metrics', token)).status).toBe(403);
    expect((await world.get('/weir/faults', token)).status).toBe(403);
  });
});
