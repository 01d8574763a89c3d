import { expect } from 'vitest';
import type { Canary } from '../../../src/apis/index.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { virtualServiceSpec } from '../../../src/routers/istio/virtual-service-spec.js';
import type { RouteWeights } from '../../../src/routers/mesh-router.js';
import { eventually } from '../../support/eventually.js';
import { flaggerExamples } from '../../support/flagger-fixtures.js';
import { type Sample, sumOf } from '../../support/prometheus-text.js';
import type { FakeApp } from './fake-apps.js';
import type { MeshEnv } from './mesh-env.js';

/** What Flagger's Kubernetes router leaves in a namespace: the target and primary pods and three Services. */
export interface CanaryWorld {
  namespace: string;
  primary: FakeApp;
  canary: FakeApp;
}

/** An upstream example Canary (`istio-canary.yaml`, `istio-abtest.yaml`, …) placed in `namespace`. */
export function exampleCanary(file: string, namespace: string): Canary {
  const found = flaggerExamples().find(([name]) => name === file);
  if (!found) throw new Error(`no example ${file}`);
  const canary = structuredClone(found[1]) as unknown as Canary;
  canary.metadata = { ...canary.metadata, namespace };
  return canary;
}

/**
 * Deployments `podinfo-primary` (2 pods) and `podinfo` (1 pod), Services `podinfo-primary` and
 * `podinfo-canary` selecting them and the apex `podinfo` without endpoints (so only routing objects make
 * the apex reachable), all on service port `port`.
 */
export async function canaryWorld(env: MeshEnv, prefix: string, port = 80): Promise<CanaryWorld> {
  const namespace = await env.namespace(prefix);
  const primary = await env.apps.deploy(namespace, 'podinfo-primary', {
    replicas: 2,
    labels: { app: 'podinfo-primary' },
  });
  const canary = await env.apps.deploy(namespace, 'podinfo', { replicas: 1 });
  await env.service(namespace, 'podinfo-primary', { port, ready: [primary] });
  await env.service(namespace, 'podinfo-canary', { port, ready: [canary] });
  await env.service(namespace, 'podinfo', { port });
  return { namespace, primary, canary };
}

/** The VirtualService Flagger generates for an example Canary with these weights. */
export function flaggerVirtualService(canary: Canary, weights: RouteWeights): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    metadata: { name: canary.metadata.name, namespace: canary.metadata.namespace },
    spec: virtualServiceSpec(canary, weights),
  } as KubeObject;
}

/** Waits until `url` answers 200 through the mesh (its routing object reached the mesh's cache). */
export async function routed(
  env: MeshEnv,
  url: string,
  options: { headers?: Record<string, string> } = {},
): Promise<void> {
  await eventually(async () => expect((await env.send(url, options)).status).toBe(200));
}

/** `istio_requests_total` of a workload, reported by the destination. */
export function requestsOf(samples: readonly Sample[], namespace: string, workload: string): number {
  return sumOf(samples, 'istio_requests_total', {
    reporter: 'destination',
    destination_workload_namespace: namespace,
    destination_workload: workload,
  });
}

/** Polls the mesh's metrics until `check` holds (telemetry is recorded as each response closes). */
export async function metricsWhere(env: MeshEnv, check: (samples: Sample[]) => void): Promise<Sample[]> {
  return eventually(async () => {
    const samples = await env.metrics();
    check(samples);
    return samples;
  });
}
