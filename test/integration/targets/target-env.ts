import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { type Canary, flaggerCrds } from '../../../src/apis/index.js';
import { type Deployment, DeploymentType } from '../../../src/kube/api/apps-v1.js';
import type { InformerCache } from '../../../src/kube/informer-cache.js';
import { type KubeClient, PatchKind } from '../../../src/kube/kube-client.js';
import type { KubeObject, ObjectRef } from '../../../src/kube/kube-object.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { DeploymentTarget, deploymentTargetTypes } from '../../../src/targets/deployment-target.js';
import { eventually } from '../../support/eventually.js';
import { testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { flaggerReference } from '../../support/reference.js';
import { WriteRecordingClient } from '../../support/write-recording-client.js';

/** A DeploymentTarget over its own informer cache, writing through a recording client. */
export interface TargetStack {
  target: DeploymentTarget;
  writes: WriteRecordingClient;
  cache: InformerCache;
  clock: ManualClock;
  logger: MemoryLogger;
}

/** A local API server with Flagger's CRDs, and helpers to arrange podinfo in fresh namespaces. */
export interface TargetEnv {
  api: TestApi;
  /** Uncached client for arranging (as other controllers would write) and asserting. */
  raw: KubeClient;
  /** A fresh namespace (`name`, else a generated one) holding the upstream podinfo Deployment (and its HPA when `hpa`). */
  namespace(options?: { hpa?: boolean; name?: string }): Promise<string>;
  /** Creates the guide's Canary for podinfo in `namespace` (with its HPA autoscalerRef when `hpa`). */
  createCanary(namespace: string, options?: { hpa?: boolean }): Promise<Canary>;
  /** A DeploymentTarget over a fresh, synced cache (a restarted operator, when called again). */
  stack(): Promise<TargetStack>;
  stop(): Promise<void>;
}

/** The upstream kustomize-podinfo manifest `file`, in `namespace`. */
export function upstream<T extends KubeObject>(file: string, namespace: string): T {
  const object = parse(readFileSync(flaggerReference('kustomize-podinfo', file), 'utf8')) as T;
  object.metadata.namespace = namespace;
  return object;
}

/** The Canary of the SMI Istio guide (progressDeadlineSeconds 60, port 9898, HPA reference in autoscaling/v2beta1). */
function guideCanary(namespace: string, hpa: boolean): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      ...(hpa
        ? {
            autoscalerRef: {
              apiVersion: 'autoscaling/v2beta1',
              kind: 'HorizontalPodAutoscaler',
              name: 'podinfo',
            },
          }
        : {}),
      service: { port: 9898, portDiscovery: true },
      analysis: {
        interval: '10s',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' }],
      },
    },
  };
}

const crdType = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };

/** Starts the server and installs Flagger's CRDs, waiting until they are Established. */
export async function startTargetEnv(): Promise<TargetEnv> {
  const api = await startTestApi({ inMemory: true });
  const { raw } = testKube(api.kubeconfig);
  const crds = flaggerCrds() as unknown as KubeObject[];
  for (const crd of crds) await raw.create(crd);
  await eventually(async () => {
    for (const crd of crds) {
      const stored = await raw.get<
        KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
      >({
        ...crdType,
        name: crd.metadata.name,
      });
      expect(stored?.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
    }
  });
  let counter = 0;
  const caches: InformerCache[] = [];
  return {
    api,
    raw,
    async namespace(options = {}) {
      const name = options.name ?? `targets-${++counter}`;
      await raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      await raw.create(upstream('deployment.yaml', name));
      if (options.hpa) await raw.create(upstream('hpa.yaml', name));
      return name;
    },
    createCanary(namespace, options = {}) {
      return raw.create(guideCanary(namespace, options.hpa ?? false));
    },
    async stack() {
      const kube = testKube(api.kubeconfig);
      for (const type of deploymentTargetTypes) kube.cache.track(type);
      await kube.cache.synced();
      caches.push(kube.cache);
      const writes = new WriteRecordingClient(kube.client);
      const clock = new ManualClock('2026-01-01T00:00:00Z');
      const logger = new MemoryLogger();
      const target = new DeploymentTarget({
        client: writes,
        cache: kube.cache,
        clock,
        logger,
        selectorLabels: ['app', 'name', 'app.kubernetes.io/name'],
        includeLabelPrefix: [],
      });
      return { target, writes, cache: kube.cache, clock, logger };
    },
    async stop() {
      for (const cache of caches) cache.stop();
      await api.stop();
    },
  };
}

/** Strips what the server assigns (uid, resourceVersion, timestamps) so snapshots are stable. */
export function stable(object: KubeObject | undefined): unknown {
  if (!object) return object;
  const { uid, resourceVersion, creationTimestamp, managedFields, ...metadata } =
    object.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  void [uid, resourceVersion, creationTimestamp, managedFields];
  const ownerReferences = metadata.ownerReferences?.map((ref) => ({ ...ref, uid: '<canary uid>' }));
  return { ...object, metadata: { ...metadata, ...(ownerReferences ? { ownerReferences } : {}) } };
}

/** The Deployment `name` in `namespace`. */
export function deploymentRef(namespace: string, name: string): ObjectRef {
  return { ...DeploymentType, namespace, name };
}

/** Waits until the stack's cache holds a version of Deployment `name` that satisfies `check`. */
export function cached(
  stack: TargetStack,
  namespace: string,
  name: string,
  check: (d: Deployment) => void,
): Promise<void> {
  return eventually(() => {
    const found = stack.cache.get<Deployment>(deploymentRef(namespace, name));
    expect(found).toBeDefined();
    check(found!);
  });
}

/** Writes Deployment status as the deployment controller would (Flagger's own tests do the same). */
export async function writeStatus(
  env: TargetEnv,
  namespace: string,
  name: string,
  status: Deployment['status'],
): Promise<void> {
  await env.raw.patch(deploymentRef(namespace, name), { status }, PatchKind.Merge, 'status');
}
