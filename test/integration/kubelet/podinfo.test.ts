import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import type { Service } from '../../../src/kube/api/core-v1.js';
import { PatchKind } from '../../../src/kube/kube-client.js';
import { defaultImageResolver } from '../../../src/local/kubelet/pods/image-programs.js';
import { eventually } from '../../support/eventually.js';
import { flaggerReference } from '../../support/reference.js';
import { type KubeletEnv, pidOf, podsOf, processExists, rolledOut, startKubeletEnv } from './kubelet-env.js';

/** An upstream manifest, in `namespace`. */
function upstream<T extends Deployment | Service>(dir: string, file: string, namespace: string): T {
  const object = parse(readFileSync(flaggerReference(dir, file), 'utf8')) as T;
  object.metadata.namespace = namespace;
  return object;
}

async function version(ip: string): Promise<unknown> {
  const response = await fetch(`http://${ip}:9898/version`);
  return ((await response.json()) as { version?: unknown }).version;
}

// The real apps (`weir local podinfo`, `weir loadtester`) started through tsx: slower than the fixture.
describe('kubelet: upstream podinfo and load tester manifests run the bundled apps', {
  timeout: 90_000,
}, () => {
  let env: KubeletEnv;
  beforeAll(async () => {
    env = await startKubeletEnv({ images: defaultImageResolver });
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    await env?.stop();
  });

  it('serves the image tag as /version, and a new tag after a rolling update', async () => {
    const ns = await env.namespace();
    const podinfo = upstream<Deployment>('kustomize-podinfo', 'deployment.yaml', ns);
    podinfo.spec.template.spec.containers[0]!.image = 'ghcr.io/stefanprodan/podinfo:6.0.1';
    await env.raw.create(podinfo);
    await rolledOut(env.raw, ns, 'podinfo', 60_000);
    const [pod] = await podsOf(env.raw, ns, 'podinfo');
    expect(await version(pod!.status!.podIP!)).toBe('6.0.1');
    // --port-metrics=9797 from the container's command is kept.
    const metrics = await fetch(`http://${pod!.status!.podIP}:9797/metrics`);
    expect(metrics.status).toBe(200);

    await env.raw.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'podinfo' },
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.2' }] },
          },
        },
      },
      PatchKind.Strategic,
    );
    await rolledOut(env.raw, ns, 'podinfo', 60_000);
    const [next] = await podsOf(env.raw, ns, 'podinfo');
    expect(await version(next!.status!.podIP!)).toBe('6.0.2');
    await eventually(() => expect(processExists(pidOf(pod!, 'podinfod'))).toBe(false), 30_000);
  });

  it('runs the load tester, ready through its wget probe', async () => {
    const ns = await env.namespace();
    await env.raw.create(upstream<Deployment>('kustomize-tester', 'deployment.yaml', ns));
    await env.raw.create(upstream<Service>('kustomize-tester', 'service.yaml', ns));
    await rolledOut(env.raw, ns, 'flagger-loadtester', 60_000);
    const [pod] = await podsOf(env.raw, ns, 'flagger-loadtester');
    const health = await fetch(`http://${pod!.status!.podIP}:8080/healthz`);
    expect(health.status).toBe(200);
  });
});
