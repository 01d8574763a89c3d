import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Canary } from '../../../src/apis/index.js';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import { PatchKind } from '../../../src/kube/kube-client.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { pausedReplicasAnnotation } from '../../../src/targets/deployment-target.js';
import { eventually } from '../../support/eventually.js';
import { cached, deploymentRef as ref, startTargetEnv, type TargetEnv } from './target-env.js';

const scaledObjects = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject' } as const;

/** KEDA's ScaledObject CRD, reduced to what the test needs (any spec). */
const scaledObjectCrd: KubeObject & { spec: unknown } = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'scaledobjects.keda.sh' },
  spec: {
    group: 'keda.sh',
    scope: 'Namespaced',
    names: {
      plural: 'scaledobjects',
      singular: 'scaledobject',
      kind: 'ScaledObject',
      listKind: 'ScaledObjectList',
    },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    ],
  },
};

let env: TargetEnv;
beforeAll(async () => {
  env = await startTargetEnv();
  await env.raw.create(scaledObjectCrd);
  await eventually(async () => {
    await env.raw.list(scaledObjects, { namespace: 'default' });
  });
});
afterAll(() => env?.stop());

async function replicasOf(namespace: string, name: string): Promise<number | undefined> {
  return (await env.raw.get<Deployment>(ref(namespace, name)))?.spec.replicas;
}

describe('DeploymentTarget finalize (revertOnDeletion)', () => {
  it("gives the target the primary's replicas, and changes nothing the second time", async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    const stack = await env.stack();
    await stack.target.initialize(canary, { checkPrimary: false });
    await env.raw.patch(ref(ns, 'podinfo-primary'), { spec: { replicas: 3 } }, PatchKind.Merge);
    await stack.target.scaleToZero(canary);
    await cached(stack, ns, 'podinfo-primary', (d) => expect(d.spec.replicas).toBe(3));
    await cached(stack, ns, 'podinfo', (d) => expect(d.spec.replicas).toBe(0));
    stack.writes.reset();
    await stack.target.finalize(canary);
    expect(await replicasOf(ns, 'podinfo')).toBe(3);
    await cached(stack, ns, 'podinfo', (d) => expect(d.spec.replicas).toBe(3));
    await stack.target.finalize(canary);
    expect(stack.writes.writes).toEqual([{ verb: 'patch', kind: 'Deployment', name: 'podinfo' }]);
  });

  it('scales the target up from zero when there is no primary', async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    await env.raw.patch(ref(ns, 'podinfo'), { spec: { replicas: 0 } }, PatchKind.Merge);
    const stack = await env.stack();
    await cached(stack, ns, 'podinfo', (d) => expect(d.spec.replicas).toBe(0));
    await stack.target.finalize(canary);
    expect(await replicasOf(ns, 'podinfo')).toBe(1);
    expect(await env.raw.get(ref(ns, 'podinfo-primary'))).toBeUndefined();
  });

  it('resumes a KEDA ScaledObject paused at zero replicas, keeping its other annotations', async () => {
    const ns = await env.namespace();
    await env.raw.create({
      ...scaledObjects,
      metadata: {
        name: 'podinfo',
        namespace: ns,
        annotations: { [pausedReplicasAnnotation]: '0', team: 'web' },
      },
      spec: { scaleTargetRef: { name: 'podinfo' }, minReplicaCount: 2 },
    });
    const created = await env.createCanary(ns);
    const canary: Canary = {
      ...created,
      spec: {
        ...created.spec,
        autoscalerRef: { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'podinfo' },
      },
    };
    const stack = await env.stack();
    await stack.target.initialize(canary, { checkPrimary: false });
    await stack.target.finalize(canary);
    const scaledObject = await env.raw.get({ ...scaledObjects, namespace: ns, name: 'podinfo' });
    expect(scaledObject?.metadata.annotations).toEqual({ team: 'web' });
    stack.writes.reset();
    await stack.target.finalize(canary);
    expect(stack.writes.writes.filter((w) => w.kind === 'ScaledObject')).toEqual([]);
  });
});
