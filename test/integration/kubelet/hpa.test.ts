import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import type { HorizontalPodAutoscaler } from '../../../src/kube/api/autoscaling.js';
import { PatchKind } from '../../../src/kube/kube-client.js';
import { eventually } from '../../support/eventually.js';
import { type KubeletEnv, startKubeletEnv } from './kubelet-env.js';

const deploymentRef = (namespace: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace,
  name: 'web',
});
const hpaRef = (namespace: string) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  namespace,
  name: 'web',
});

function deployment(namespace: string, replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        // Not a known image: the kubelet simulates its pods.
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    },
  };
}

function hpa(namespace: string): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 99 } },
        },
      ],
    },
  };
}

describe('kubelet: HorizontalPodAutoscaler bounds (no metrics)', () => {
  let env: KubeletEnv;
  let ns: string;
  const replicas = async () => (await env.raw.get<Deployment>(deploymentRef(ns)))?.spec.replicas;
  const status = async () => (await env.raw.get<HorizontalPodAutoscaler>(hpaRef(ns)))?.status;
  const scale = (n: number) => env.raw.patch(deploymentRef(ns), { spec: { replicas: n } }, PatchKind.Merge);

  beforeAll(async () => {
    env = await startKubeletEnv();
    ns = await env.namespace('hpa');
    await env.raw.create(deployment(ns, 1));
    await env.raw.create(hpa(ns));
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    await env?.stop();
  });

  it('raises the target to minReplicas and reports the replicas running', async () => {
    await eventually(async () => {
      expect(await replicas()).toBe(2);
      expect(await status()).toMatchObject({ currentReplicas: 2, desiredReplicas: 2 });
    });
    const table = await env.api.kubectl.ok(['get', 'hpa', 'web', '-n', ns]);
    expect(table).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\n/);
    expect(table).toMatch(/web\s+Deployment\/web\s+cpu: <unknown>\/99%\s+2\s+4\s+2\s+/);
  });

  it('lowers a target scaled above maxReplicas', async () => {
    await scale(10);
    await eventually(async () => {
      expect(await replicas()).toBe(4);
      expect(await status()).toMatchObject({ currentReplicas: 4, desiredReplicas: 4 });
    });
  });

  it('leaves a target scaled to zero at zero, as Kubernetes does (Flagger scales its canary to zero)', async () => {
    await scale(0);
    await eventually(async () => {
      const current = await status();
      expect(current?.desiredReplicas).toBe(0);
      expect(current?.conditions?.find((c) => c.type === 'ScalingActive')?.reason).toBe('ScalingDisabled');
    });
    // The status above was written after the decision to leave the replicas alone.
    expect(await replicas()).toBe(0);
  });
});
