import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import { PatchKind } from '../../../src/kube/kube-client.js';
import { flaggerId } from '../../../src/targets/revision-hash.js';
import { cached, deploymentRef as ref, startTargetEnv, type TargetEnv } from './target-env.js';

let env: TargetEnv;
beforeAll(async () => {
  env = await startTargetEnv();
});
afterAll(() => env?.stop());

describe('DeploymentTarget promote', () => {
  it('copies the new image to the primary once; promoting again changes nothing', async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    const stack = await env.stack();
    await stack.target.initialize(canary, { checkPrimary: false });
    const before = stack.target.revision(canary);
    await env.raw.patch(
      ref(ns, 'podinfo'),
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.1' }] },
          },
        },
      },
      PatchKind.Strategic,
    );
    await cached(stack, ns, 'podinfo', (d) => expect(d.metadata.generation).toBe(2));
    const revision = stack.target.revision(canary);
    expect(revision).not.toBe(before);
    stack.writes.reset();
    await stack.target.promote(canary);
    const primary = await env.raw.get<Deployment>(ref(ns, 'podinfo-primary'));
    expect(primary?.spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect(primary?.spec.template.metadata?.annotations?.['flagger-id']).toBe(flaggerId(revision));
    expect(primary?.metadata.generation).toBe(2);
    expect(stack.writes.writes).toEqual([{ verb: 'replace', kind: 'Deployment', name: 'podinfo-primary' }]);
    stack.writes.reset();
    await stack.target.promote(canary);
    const restarted = await env.stack();
    await restarted.target.promote(canary);
    expect([...stack.writes.writes, ...restarted.writes.writes]).toEqual([]);
    expect((await env.raw.get<Deployment>(ref(ns, 'podinfo-primary')))?.metadata.generation).toBe(2);
  });

  it('starts again from the server when another writer changed the primary first', async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    const stack = await env.stack();
    await stack.target.initialize(canary, { checkPrimary: false });
    await env.raw.patch(
      ref(ns, 'podinfo'),
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.2' }] },
          },
        },
      },
      PatchKind.Strategic,
    );
    await cached(stack, ns, 'podinfo', (d) => expect(d.metadata.generation).toBe(2));
    stack.writes.reset();
    let interfered = false;
    stack.writes.beforeWrite = async () => {
      if (interfered) return;
      interfered = true;
      // The deployment controller records its revision on the primary just before our replace lands.
      await env.raw.patch(
        ref(ns, 'podinfo-primary'),
        { metadata: { annotations: { 'deployment.kubernetes.io/revision': '1' } } },
        PatchKind.Merge,
      );
    };
    await stack.target.promote(canary);
    const primary = await env.raw.get<Deployment>(ref(ns, 'podinfo-primary'));
    expect(primary?.spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.2');
    expect(primary?.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(stack.writes.writes.map((w) => w.verb)).toEqual(['replace', 'replace']);
  });
});

describe('DeploymentTarget scaling', () => {
  it('scales to zero once', async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    const stack = await env.stack();
    await stack.target.scaleToZero(canary);
    expect((await env.raw.get<Deployment>(ref(ns, 'podinfo')))?.spec.replicas).toBe(0);
    await stack.target.scaleToZero(canary);
    expect(stack.writes.writes).toEqual([{ verb: 'patch', kind: 'Deployment', name: 'podinfo' }]);
  });

  it("scales from zero to the primary's replicas without an autoscaler", async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    const stack = await env.stack();
    await stack.target.initialize(canary, { checkPrimary: false });
    await stack.target.scaleToZero(canary);
    await env.raw.patch(ref(ns, 'podinfo-primary'), { spec: { replicas: 3 } }, PatchKind.Merge);
    await cached(stack, ns, 'podinfo-primary', (d) => expect(d.spec.replicas).toBe(3));
    await stack.target.scaleFromZero(canary);
    expect((await env.raw.get<Deployment>(ref(ns, 'podinfo')))?.spec.replicas).toBe(3);
    stack.writes.reset();
    await stack.target.scaleFromZero(canary);
    expect(stack.writes.writes).toEqual([]);
  });

  it("scales from zero to the upstream HPA's minReplicas (read as autoscaling/v2)", async () => {
    const ns = await env.namespace({ hpa: true });
    const canary = await env.createCanary(ns, { hpa: true });
    const stack = await env.stack();
    await stack.target.initialize(canary, { checkPrimary: false });
    await stack.target.scaleToZero(canary);
    await stack.target.scaleFromZero(canary);
    expect((await env.raw.get<Deployment>(ref(ns, 'podinfo')))?.spec.replicas).toBe(2);
  });
});
