import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import type { Pod } from '../../../src/kube/api/core-v1.js';
import type { KubeClient } from '../../../src/kube/kube-client.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { type Kubelet, type KubeletOptions, startKubelet } from '../../../src/local/kubelet/kubelet.js';
import { killLeftover } from '../../../src/local/kubelet/pods/container-process.js';
import { type ImageResolver, parseImage } from '../../../src/local/kubelet/pods/image-programs.js';
import { realTimers } from '../../../src/local/kubelet/timers.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { packageRoot } from '../../../src/platform/tools.js';
import { eventually } from '../../support/eventually.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

/** The image the fixture app runs for (any tag): `registry.test/fixture-app:<tag>`. */
export const fixtureImage = (tag: string) => `registry.test/fixture-app:${tag}`;

/** Runs `test/fixtures/kubelet/http-app.mjs` for the fixture image on the container's first port (8080 by default), with the container's args. */
export const fixtureImages: ImageResolver = ({ image, container, podIP }) => {
  const { name, tag } = parseImage(image);
  if (name !== 'fixture-app') return undefined;
  const port = container.ports?.[0]?.containerPort ?? 8080;
  return {
    invocation: {
      command: process.execPath,
      args: [
        join(packageRoot(), 'test', 'fixtures', 'kubelet', 'http-app.mjs'),
        '--host',
        podIP,
        '--port',
        String(port),
        '--version',
        tag,
        ...(container.args ?? []),
      ],
    },
    port,
  };
};

let cidrs = 0;

/**
 * A pod range of its own for each kubelet a test starts: test files run in parallel, and two kubelets
 * handing out the same loopback addresses would start apps on the same address and port.
 */
export function testPodCidr(): string {
  const worker = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 0) % 200;
  return `127.${20 + worker}.${++cidrs % 256}.0/24`;
}

/** A local API server with a kubelet serving it, and a second (uncached) view for asserting. */
export interface KubeletEnv {
  api: TestApi;
  kubelet: Kubelet;
  /** The kubelet's own plumbing. */
  kube: TestKube;
  /** Uncached client for arranging and asserting, as another controller would. */
  raw: KubeClient;
  dataDir: string;
  logger: MemoryLogger;
  /** What the kubelet logged at warn or error level. */
  problems(): string[];
  /** A fresh namespace. */
  namespace(prefix?: string): Promise<string>;
  /** Stops the kubelet and starts another over the same API server and data directory. */
  restartKubelet(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the API server and a kubelet (probe timing at 1/100 unless told otherwise). */
export async function startKubeletEnv(
  options: Partial<Omit<KubeletOptions, 'client' | 'cache' | 'kubeconfig' | 'dataDir'>> = {},
): Promise<KubeletEnv> {
  const api = await startTestApi({ inMemory: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'weir-kubelet-'));
  const logger = new MemoryLogger();
  const podCidr = testPodCidr();
  const start = async () => {
    const kube = testKube(api.kubeconfig);
    const kubelet = await startKubelet({
      client: kube.client,
      cache: kube.cache,
      dataDir,
      probeScale: 0.01,
      images: fixtureImages,
      podCidr,
      logger,
      ...options,
    });
    return { kube, kubelet };
  };
  let counter = 0;
  const env: KubeletEnv = {
    api,
    ...(await start()),
    raw: testKube(api.kubeconfig).raw,
    dataDir,
    logger,
    problems: () =>
      logger.lines
        .filter((line) => line.level === 'warn' || line.level === 'error')
        .map((line) => `${line.msg} ${JSON.stringify(line.fields)}`),
    async namespace(prefix = 'kubelet') {
      const name = `${prefix}-${++counter}`;
      await env.raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      return name;
    },
    async restartKubelet() {
      await env.kubelet.stop();
      env.kube.cache.stop();
      Object.assign(env, await start());
    },
    async stop() {
      await env.kubelet.stop();
      env.kube.cache.stop();
      await killRecordedProcesses(dataDir);
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return env;
}

/** A Deployment of `image` with labels `app: <name>`. */
export function deployment(
  namespace: string,
  name: string,
  image: string,
  spec: Partial<Deployment['spec']> & { container?: Record<string, unknown> } = {},
): Deployment {
  const { container, ...rest } = spec;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image, ...container }] },
      },
      ...rest,
    },
  };
}

/** Lists objects of a kind in a namespace (uncached). */
export async function list<T extends KubeObject>(
  raw: KubeClient,
  apiVersion: string,
  kind: string,
  namespace: string,
): Promise<T[]> {
  return (await raw.list<T>({ apiVersion, kind }, { namespace })).items;
}

/** The pods of a namespace whose `app` label is `app`. */
export async function podsOf(raw: KubeClient, namespace: string, app: string): Promise<Pod[]> {
  return (await list<Pod>(raw, 'v1', 'Pod', namespace)).filter((pod) => pod.metadata.labels?.app === app);
}

/** Waits until the Deployment is complete: every replica updated and available, nothing old left. */
export function rolledOut(
  raw: KubeClient,
  namespace: string,
  name: string,
  timeoutMs = 20_000,
): Promise<Deployment> {
  return eventually(async () => {
    const d = await raw.get<Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name });
    const replicas = d?.spec.replicas ?? 1;
    expect(d?.status?.observedGeneration).toBe(d?.metadata.generation);
    expect(d?.status?.updatedReplicas ?? 0).toBe(replicas);
    expect(d?.status?.replicas ?? 0).toBe(replicas);
    expect(d?.status?.availableReplicas ?? 0).toBe(replicas);
    const progressing = d?.status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing?.reason).toBe('NewReplicaSetAvailable');
    return d!;
  }, timeoutMs);
}

/** The process id behind a running container (`containerID: weir://<pid>`). */
export function pidOf(pod: Pod, container = 'app'): number {
  const id = pod.status?.containerStatuses?.find((c) => c.name === container)?.containerID ?? '';
  const match = /^weir:\/\/(\d+)$/.exec(id);
  if (!match) throw new Error(`pod ${pod.metadata.name} has no process (containerID "${id}")`);
  return Number(match[1]);
}

/** Kills the processes a kubelet recorded in `dataDir` and did not stop (it was killed), so no test leaks one. */
export async function killRecordedProcesses(dataDir: string): Promise<void> {
  const pods = join(dataDir, 'pods');
  if (!existsSync(pods)) return;
  for (const pod of readdirSync(pods)) {
    for (const file of readdirSync(join(pods, pod))) {
      if (file.endsWith('.pid')) await killLeftover(join(pods, pod, file), realTimers);
    }
  }
}

/** Whether a process exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
