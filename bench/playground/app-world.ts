import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';
import type { Deployment } from '../../src/kube/api/apps-v1.js';
import { packageRoot } from '../../src/platform/tools.js';
import { type ServerProcess, startServerProcess } from '../apiserver/server-process.js';
import { HttpClient } from '../support/http-client.js';
import { startWeirChild, type WeirChild } from './weir-child.js';

/** The pod addresses of the benchmark's kubelet (apart from a playground's default 127.1.0.0/16). */
const podCidr = '127.71.0.0/16';

/**
 * One podinfo pod of the playground and the mesh in front of it: `weir local apiserver --in-memory`,
 * `weir local kubelet` (runs the walkthrough's podinfo Deployment, one replica, as a process on its own
 * loopback address; writes Pods and Endpoints) and `weir local mesh`, each in a child process, plus the
 * `podinfo` Service in namespace `test`.
 */
export interface AppWorld {
  server: ServerProcess;
  kubelet: WeirChild;
  mesh: WeirChild;
  /** `http://127.0.0.1:<port>`, for `hey -x`. */
  proxyUrl: string;
  /** `<pod ip>:9898`: the app, directly. */
  podAddress: string;
  stop(): Promise<void>;
}

interface Endpoints {
  subsets?: { addresses?: { ip: string }[] }[];
}

async function podAddress(client: HttpClient, timeoutMs: number): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const reply = await client.send('GET', '/api/v1/namespaces/test/endpoints/podinfo');
    if (reply.status === 200) {
      const ip = (JSON.parse(reply.body) as Endpoints).subsets?.[0]?.addresses?.[0]?.ip;
      if (ip) return `${ip}:9898`;
    }
    await sleep(250);
  }
  throw new Error(`podinfo had no ready endpoint after ${timeoutMs / 1000} s`);
}

/** Starts the world and waits until podinfo is ready behind its Service. */
export async function startAppWorld(): Promise<AppWorld> {
  const home = mkdtempSync(join(tmpdir(), 'weir-bench-playground-'));
  const server = await startServerProcess({ storage: 'in-memory', runtime: 'tsx' });
  const client = new HttpClient(server.url);
  const children: WeirChild[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await child.stop();
    client.close();
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const env = { WEIR_HOME: home };
    const kubelet = startWeirChild(
      [
        'local',
        'kubelet',
        '--kubeconfig',
        server.kubeconfig,
        '--data-dir',
        join(home, 'kubelet'),
        '--pod-cidr',
        podCidr,
      ],
      env,
    );
    children.push(kubelet);
    const mesh = startWeirChild(
      ['local', 'mesh', '--kubeconfig', server.kubeconfig, '--port', '0', '--metrics-port', '0'],
      env,
    );
    children.push(mesh);
    const proxyUrl = await mesh.line((l) => (l.msg === 'serving' ? String(l.proxy) : undefined), 60_000);
    await client.json('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'test' },
    });
    const example = parse(
      readFileSync(join(packageRoot(), 'examples', 'podinfo', 'deployment.yaml'), 'utf8'),
    ) as Deployment;
    await client.json('POST', '/apis/apps/v1/namespaces/test/deployments', {
      ...example,
      spec: { ...example.spec, replicas: 1 },
    });
    await client.json('POST', '/api/v1/namespaces/test/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'podinfo' },
      spec: {
        selector: { app: 'podinfo' },
        ports: [{ name: 'http', port: 9898, targetPort: 'http', protocol: 'TCP' }],
      },
    });
    return { server, kubelet, mesh, proxyUrl, podAddress: await podAddress(client, 90_000), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
