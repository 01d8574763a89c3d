import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { eventually } from '../../support/eventually.js';
import { canaryType } from '../../support/operator-harness.js';
import { guideCanary } from '../../support/scenario-canaries.js';
import { asked, type Manifest, permission, rbacManifest } from './operator-permissions.js';
import { OperatorRbacWorld, operatorNamespace, operatorUser } from './operator-world.js';

type Rule = NonNullable<Manifest['rules']>[number];
type Role = KubeObject & { rules?: Rule[] };

let world: OperatorRbacWorld;
const clusterRoleRef = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'weir' };
const bindingRef = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  namespace: operatorNamespace,
  name: 'weir-leader-election',
};

/** Replaces the ClusterRole's rules with `edit(rules)` while `run` runs, then restores them. */
async function withClusterRole(edit: (rules: Rule[]) => Rule[], run: () => Promise<void>): Promise<void> {
  const original = await world.raw.get<Role>(clusterRoleRef);
  if (!original) throw new Error('ClusterRole weir is missing');
  await world.raw.replace<Role>({ ...original, rules: edit(structuredClone(original.rules ?? [])) });
  try {
    await run();
  } finally {
    const current = await world.raw.get<Role>(clusterRoleRef);
    if (current) await world.raw.replace<Role>({ ...current, rules: original.rules ?? [] });
  }
}

/** Runs the operator on the guide's canary until `done`, then removes both. */
async function operatorRun(flags: string[], done: () => Promise<void>): Promise<void> {
  const operator = await world.startOperator(...flags);
  await world.create(guideCanary({ analysis: { interval: '1s' } }));
  try {
    await done();
  } finally {
    await operator.stop();
    world.operator = undefined;
    await world.raw.delete({ ...canaryType, namespace: 'test', name: 'podinfo' });
    await eventually(async () => expect(await world.canary()).toBeUndefined());
    await world.rbac.api.server.settled();
  }
}

/** Waits until the operator has been refused `key` (`<group>/<resource>:<verb>`). */
async function refused(key: string): Promise<void> {
  await eventually(
    () =>
      expect(
        world
          .operatorDecisions()
          .filter((d) => !d.allowed)
          .map(asked),
      ).toContain(key),
    20_000,
  );
  expect(await world.rbac.requests(403)).toBeGreaterThan(0);
}

beforeAll(async () => {
  world = await OperatorRbacWorld.start(rbacManifest);
  await world.createPodinfo();
}, 120_000);
afterAll(() => world?.stop(), 60_000);

describe('deploy/rbac is not over-broad: without one of its rules, the operator is refused', () => {
  it('`kubectl auth can-i` for the ServiceAccount answers from the role', async () => {
    const canI = async (...args: string[]) =>
      (await world.rbac.api.kubectl.run(['--as', operatorUser, 'auth', 'can-i', ...args])).stdout.trim();
    const answers = {
      'update canaries.flagger.app --subresource=status -n test': 'yes',
      'create deployments.apps -n apps': 'yes',
      'patch deployments.apps -n test': 'yes',
      'delete deployments.apps -n test': 'no',
      'update deployments.apps --subresource=scale -n test': 'no',
      'watch secrets -n kube-system': 'yes',
      'delete secrets -n test': 'no',
      'get pods -n test': 'no',
      'create events -n test': 'yes',
      'update events -n test': 'no',
      'create leases.coordination.k8s.io -n istio-system': 'yes',
      'create leases.coordination.k8s.io -n test': 'no',
      'list nodes': 'no',
      'create clusterrolebindings': 'no',
      'impersonate users': 'no',
    };
    const got: Record<string, string> = {};
    for (const question of Object.keys(answers)) got[question] = await canI(...question.split(' '));
    expect(got).toEqual(answers);
  });

  it('without the Events rule: the canary initializes, but with no Kubernetes Events', async () => {
    await withClusterRole(
      (rules) => rules.filter((r) => !r.resources?.includes('events')),
      () =>
        operatorRun([], async () => {
          await refused(permission('', 'events', 'create'));
          await eventually(
            async () => expect((await world.canary())?.status?.phase).toBe('Initialized'),
            20_000,
          );
          const { items } = await world.raw.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: 'test' });
          expect(items).toEqual([]);
        }),
    );
  });

  it('without canaries/status: the canary never gets a status', async () => {
    await withClusterRole(
      (rules) => rules.filter((r) => !r.resources?.includes('canaries/status')),
      () =>
        operatorRun([], async () => {
          await refused(permission('flagger.app', 'canaries/status', 'update'));
          expect((await world.canary())?.status?.phase).toBeUndefined();
        }),
    );
  });

  it('without create on Deployments: no primary', async () => {
    await withClusterRole(
      (rules) =>
        rules.map((r) =>
          r.resources?.includes('deployments')
            ? { ...r, verbs: (r.verbs ?? []).filter((v) => v !== 'create') }
            : r,
        ),
      () =>
        operatorRun([], async () => {
          await refused(permission('apps', 'deployments', 'create'));
          expect(await world.image('podinfo-primary')).toBeUndefined();
        }),
    );
  });

  it('without the leader-election Role binding: the operator never leads, so never acts', async () => {
    const binding = await world.raw.get(bindingRef);
    if (!binding) throw new Error('RoleBinding weir-leader-election is missing');
    await world.raw.delete(bindingRef);
    try {
      await operatorRun(
        ['-enable-leader-election', `-leader-election-namespace=${operatorNamespace}`],
        async () => {
          await refused(permission('coordination.k8s.io', 'leases', 'get'));
          expect(world.operator?.isLeader()).toBe(false);
          expect((await world.canary())?.status).toBeUndefined();
        },
      );
    } finally {
      const { resourceVersion: _rv, uid: _uid, creationTimestamp: _created, ...metadata } = binding.metadata;
      await world.raw.create({ ...binding, metadata });
    }
  });
});
