import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { canaryWorld, routed } from './canary-world.js';
import { countByWorkload, installMeshCrds, type MeshEnv, startMeshEnv } from './mesh-env.js';

describe('mesh: routing CRDs installed after the mesh started', () => {
  let env: MeshEnv;
  beforeAll(async () => {
    env = await startMeshEnv('127.86', { crds: 'later' });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('routes plain Services at once and follows VirtualServices once their CRD is established', async () => {
    const { namespace: ns } = await canaryWorld(env, 'late');
    await routed(env, `http://podinfo-primary.${ns}/`);
    expect((await env.send(`http://podinfo.${ns}/`)).body).toBe('no healthy upstream');
    await installMeshCrds(env.raw);
    await env.create({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'podinfo', namespace: ns },
      spec: { hosts: ['podinfo'], http: [{ route: [{ destination: { host: 'podinfo-canary' } }] }] },
    } as KubeObject);
    await routed(env, `http://podinfo.${ns}/`);
    expect(countByWorkload(await env.sendMany(10, `http://podinfo.${ns}/`))).toEqual({ podinfo: 10 });
    expect(env.logger.lines.map((l) => l.msg)).toContain('following routing objects');
  });
});
