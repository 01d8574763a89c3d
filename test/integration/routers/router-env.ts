import { expect } from 'vitest';
import { type Canary, flaggerCrds } from '../../../src/apis/index.js';
import type { InformerCache } from '../../../src/kube/informer-cache.js';
import type { KubeClient } from '../../../src/kube/kube-client.js';
import type { KubeObject, TypeRef } from '../../../src/kube/kube-object.js';
import { meshCrds } from '../../../src/local/mesh-crds/mesh-crds.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import type { RouterDeps } from '../../../src/routers/router-deps.js';
import { CountingKubeClient } from '../../support/counting-kube-client.js';
import { eventually } from '../../support/eventually.js';
import { testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

/** Router dependencies over a fresh informer cache, with a request counter and an in-memory log. */
export interface RouterStack {
  deps: RouterDeps;
  counting: CountingKubeClient;
  cache: InformerCache;
  logger: MemoryLogger;
  stop(): void;
}

/** A local API server with Flagger's and the mesh CRDs installed. */
export interface RouterEnv {
  api: TestApi;
  /** Uncached, uncounted client for arranging and asserting. */
  raw: KubeClient;
  /** Creates a namespace with a fresh name starting with `prefix` (exactly `prefix` when `exact`). */
  namespace(prefix: string, options?: { exact?: boolean }): Promise<string>;
  /** Creates the Canary in `namespace` and answers it as stored. */
  createCanary(manifest: Canary, namespace: string): Promise<Canary>;
  /** Router dependencies whose cache tracks `types` (synced before it answers). */
  stack(types: TypeRef[], options?: { setOwnerRefs?: boolean }): Promise<RouterStack>;
  stop(): Promise<void>;
}

const crdType = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };

/** Starts the server and installs the CRDs (waiting until they are Established). */
export async function startRouterEnv(): Promise<RouterEnv> {
  const api = await startTestApi({ inMemory: true });
  const { raw } = testKube(api.kubeconfig);
  const crds = [...(flaggerCrds() as unknown as KubeObject[]), ...meshCrds()];
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
  const stacks: RouterStack[] = [];
  return {
    api,
    raw,
    async namespace(prefix, options = {}) {
      const name = options.exact ? prefix : `${prefix}-${++counter}`;
      await raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      return name;
    },
    async createCanary(manifest, namespace) {
      const copy = structuredClone(manifest);
      copy.metadata = { ...copy.metadata, namespace };
      delete copy.status;
      return raw.create(copy);
    },
    async stack(types, options = {}) {
      const kube = testKube(api.kubeconfig);
      for (const type of types) kube.cache.track(type);
      await kube.cache.synced();
      const counting = new CountingKubeClient(kube.client);
      const logger = new MemoryLogger();
      const stack: RouterStack = {
        deps: { client: counting, reader: kube.cache, logger, ...options },
        counting,
        cache: kube.cache,
        logger,
        stop: () => kube.cache.stop(),
      };
      stacks.push(stack);
      return stack;
    },
    async stop() {
      for (const stack of stacks) stack.stop();
      await api.stop();
    },
  };
}

/** Strips what the server assigns (uid, resourceVersion, timestamps) so snapshots are stable. */
export function stable<T extends KubeObject>(object: T | undefined): unknown {
  if (!object) return object;
  const { uid, resourceVersion, creationTimestamp, generation, managedFields, ...metadata } =
    object.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  void uid;
  void resourceVersion;
  void creationTimestamp;
  void generation;
  void managedFields;
  const ownerReferences = metadata.ownerReferences?.map((ref) => ({ ...ref, uid: '<uid>' }));
  return { ...object, metadata: { ...metadata, ...(ownerReferences ? { ownerReferences } : {}) } };
}
