import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { expect } from 'vitest';
import type { KubeClient } from '../../../src/kube/kube-client.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import type { Random } from '../../../src/local/mesh/balancing.js';
import { type RunningMesh, startMesh } from '../../../src/local/mesh/start-mesh.js';
import { meshCrds } from '../../../src/local/mesh-crds/mesh-crds.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { eventually } from '../../support/eventually.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { parsePrometheusText, type Sample } from '../../support/prometheus-text.js';
import { type FakeApp, FakeApps } from './fake-apps.js';

/** A response received through the mesh. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How to send a request through the proxy. */
export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Connect from this address (a pod IP, so the mesh knows the caller). */
  localAddress?: string;
  /** Send origin-form (`GET /path` with Host) instead of absolute-form. */
  originForm?: boolean;
}

/** A local API server with the mesh CRDs, the mesh over it, and fake apps. */
export interface MeshEnv {
  api: TestApi;
  kube: TestKube;
  raw: KubeClient;
  mesh: RunningMesh;
  apps: FakeApps;
  logger: MemoryLogger;
  /** Replaces the mesh's source of randomness. */
  setRandom(random: Random): void;
  namespace(prefix: string): Promise<string>;
  /** A Service with one port (`port` → the pods' port) and Endpoints listing `ready` (and `notReady`) pods. */
  service(
    namespace: string,
    name: string,
    options: {
      port: number;
      ready?: FakeApp[];
      notReady?: FakeApp[];
      extraAddresses?: { ip: string; port: number }[];
    },
  ): Promise<KubeObject>;
  create<T extends KubeObject>(object: T): Promise<T>;
  send(url: string, options?: SendOptions): Promise<Reply>;
  /** Sends `count` GETs, `concurrency` at a time, and answers the replies. */
  sendMany(count: number, url: string, options?: SendOptions & { concurrency?: number }): Promise<Reply[]>;
  /** The mesh's `/metrics`, parsed. */
  metrics(): Promise<Sample[]>;
  stop(): Promise<void>;
}

const crdType = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };

/** Installs the mesh CRDs (VirtualService, TrafficSplit, …) and waits until they are Established. */
export async function installMeshCrds(raw: KubeClient): Promise<void> {
  const crds = meshCrds();
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
}

/**
 * Starts everything; `ipPrefix` keeps this file's pod IPs apart from other files'. The mesh CRDs are
 * installed before the mesh starts unless `crds` is `later`.
 */
export async function startMeshEnv(
  ipPrefix: string,
  options: { crds?: 'first' | 'later' } = {},
): Promise<MeshEnv> {
  const api = await startTestApi({ inMemory: true });
  const kube = testKube(api.kubeconfig);
  const raw = kube.raw;
  if (options.crds !== 'later') await installMeshCrds(raw);
  let random: Random = Math.random;
  const logger = new MemoryLogger();
  const mesh = await startMesh({ cache: kube.cache, random: () => random(), logger });
  const apps = new FakeApps(raw, ipPrefix);
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const [proxyHost, proxyPort] = [new URL(mesh.proxyUrl).hostname, Number(new URL(mesh.proxyUrl).port)];
  let counter = 0;

  const send = (url: string, options: SendOptions = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const req = request({
        host: proxyHost,
        port: proxyPort,
        method: options.method ?? 'GET',
        path: options.originForm ? `${target.pathname}${target.search}` : url,
        headers: { host: target.host, ...options.headers },
        agent,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      });
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
      req.once('error', reject);
      req.end(options.body);
    });

  const env: MeshEnv = {
    api,
    kube,
    raw,
    mesh,
    apps,
    logger,
    setRandom(next) {
      random = next;
    },
    async namespace(prefix) {
      const name = `${prefix}-${++counter}`;
      await raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      return name;
    },
    async service(namespace, name, options) {
      const service = await raw.create<KubeObject>({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace },
        spec: { ports: [{ name: 'http', port: options.port, targetPort: 'http', protocol: 'TCP' }] },
      } as KubeObject);
      // One subset per port, as the endpoints controller groups pods.
      const subsets = new Map<number, { addresses: object[]; notReadyAddresses: object[] }>();
      const add = (port: number, ready: boolean, address: object) => {
        const subset = subsets.get(port) ?? { addresses: [], notReadyAddresses: [] };
        (ready ? subset.addresses : subset.notReadyAddresses).push(address);
        subsets.set(port, subset);
      };
      for (const [apps, ready] of [
        [options.ready ?? [], true],
        [options.notReady ?? [], false],
      ] as const) {
        for (const pod of apps.flatMap((a) => a.pods)) {
          add(pod.port, ready, { ip: pod.ip, targetRef: { kind: 'Pod', namespace, name: pod.name } });
        }
      }
      for (const extra of options.extraAddresses ?? []) add(extra.port, true, { ip: extra.ip });
      await raw.create({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace },
        subsets: [...subsets].map(([port, subset]) => ({
          ...(subset.addresses.length ? { addresses: subset.addresses } : {}),
          ...(subset.notReadyAddresses.length ? { notReadyAddresses: subset.notReadyAddresses } : {}),
          ports: [{ name: 'http', port, protocol: 'TCP' }],
        })),
      } as KubeObject);
      return service;
    },
    create: (object) => raw.create(object),
    send,
    async sendMany(count, url, options = {}) {
      const replies: Reply[] = new Array(count);
      let next = 0;
      const worker = async () => {
        while (next < count) {
          const i = next++;
          replies[i] = await send(url, options);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
      return replies;
    },
    async metrics() {
      const res = await fetch(mesh.metricsUrl);
      expect(res.status).toBe(200);
      return parsePrometheusText(await res.text());
    },
    async stop() {
      agent.destroy();
      await mesh.stop();
      kube.cache.stop();
      await apps.stop();
      await api.stop();
    },
  };
  return env;
}

/** Counts replies by the pod name's workload prefix (the Deployment name before the hash). */
export function countByWorkload(replies: readonly Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reply of replies) {
    const pod = String(reply.headers['x-pod'] ?? `status-${reply.status}`);
    const workload = pod.replace(/-7d9c5b8f4-.*$/, '');
    counts[workload] = (counts[workload] ?? 0) + 1;
  }
  return counts;
}
