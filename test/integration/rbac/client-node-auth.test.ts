import { AuthenticationV1Api, AuthorizationV1Api, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../src/kube/kube-errors.js';
import { clientNode, failure } from '../../support/client-node.js';
import { eventually } from '../../support/eventually.js';
import { testKube } from '../../support/kube.js';
import { type RbacApi, startRbacApi } from './rbac-api.js';

let world: RbacApi;
let kubeconfig: string;
const weir = 'system:serviceaccount:test:weir';

beforeAll(async () => {
  world = await startRbacApi();
  const admin = world.api.kubectl;
  await admin.ok(['create', 'namespace', 'test']);
  await admin.ok(['create', 'namespace', 'ops']);
  await admin.ok(['-n', 'test', 'create', 'serviceaccount', 'weir']);
  await admin.ok(['-n', 'test', 'create', 'configmap', 'settings', '--from-literal=a=1']);
  await admin.ok(['-n', 'test', 'create', 'role', 'cm', '--verb=get,list,watch', '--resource=configmaps']);
  await admin.ok(['-n', 'test', 'create', 'rolebinding', 'cm', '--role=cm', '--serviceaccount=test:weir']);
  kubeconfig = world.withToken('weir', await world.secretToken('test', 'weir')).kubeconfig;
});
afterAll(() => world?.api.stop());

describe('@kubernetes/client-node with a service account token', () => {
  it('reads what its Role allows and gets the real 403 Status for the rest', async () => {
    const k = clientNode(kubeconfig);
    const listed = await k.core.listNamespacedConfigMap({ namespace: 'test' });
    expect(listed.items.map((c) => c.metadata?.name)).toEqual(['settings']);
    const refused = await failure(k.core.listNamespacedConfigMap({ namespace: 'ops' }));
    expect(refused).toMatchObject({
      code: 403,
      status: {
        kind: 'Status',
        reason: 'Forbidden',
        code: 403,
        message: `configmaps is forbidden: User "${weir}" cannot list resource "configmaps" in API group "" in the namespace "ops"`,
      },
    });
    expect(
      (await failure(k.core.deleteNamespacedConfigMap({ namespace: 'test', name: 'settings' }))).code,
    ).toBe(403);
  });

  it('watches where it may list, and a forbidden watch ends with 403', async () => {
    const k = clientNode(kubeconfig);
    const seen: string[] = [];
    const watch = new Watch(k.kc);
    const open = await watch.watch(
      '/api/v1/namespaces/test/configmaps',
      {},
      (type, object: { metadata?: { name?: string } }) => seen.push(`${type} ${object.metadata?.name}`),
      () => {},
    );
    await world.api.kubectl.ok(['-n', 'test', 'create', 'configmap', 'more']);
    await eventually(() => expect(seen).toContain('ADDED more'));
    open.abort();
    const ended = await new Promise<unknown>((resolve) => {
      void watch.watch('/api/v1/namespaces/ops/configmaps', {}, () => {}, resolve);
    });
    expect(ended).toMatchObject({ message: 'Forbidden', statusCode: 403 });
  });

  it('asks access reviews and who it is', async () => {
    const k = clientNode(kubeconfig);
    const reviews = k.kc.makeApiClient(AuthorizationV1Api);
    const review = (verb: string, namespace: string) =>
      reviews.createSelfSubjectAccessReview({
        body: { spec: { resourceAttributes: { verb, resource: 'configmaps', namespace } } },
      });
    expect((await review('watch', 'test')).status).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "cm/test" of Role "cm" to ServiceAccount "weir/test"',
    });
    expect((await review('watch', 'ops')).status).toEqual({ allowed: false });
    const me = await k.kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} });
    expect(me.status?.userInfo?.username).toBe(weir);
  });

  it("the operator's own client sends the token too (401 without a valid one)", async () => {
    const { raw } = testKube(kubeconfig);
    const found = await raw.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'test' });
    expect(found.items.map((c) => c.metadata.name).sort()).toEqual(['more', 'settings']);
    const refused = await raw
      .list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'ops' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KubeApiError);
    expect(refused).toMatchObject({ code: 403, reason: 'Forbidden' });
    const stranger = testKube(world.withToken('bad', 'not-a-token').kubeconfig).raw;
    expect(
      await stranger
        .list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'test' })
        .catch((e: unknown) => e),
    ).toMatchObject({
      code: 401,
      reason: 'Unauthorized',
    });
  });
});
