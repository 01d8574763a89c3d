import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeClient } from '../../../src/kube/kube-client.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';

/** A request one fake pod received. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One fake pod: a Pod object with its own loopback IP and an HTTP server there. */
export interface FakePod {
  name: string;
  ip: string;
  port: number;
  received: Received[];
}

/** A Deployment with a ReplicaSet and pods, as the kubelet would leave them, each pod a real server. */
export interface FakeApp {
  namespace: string;
  name: string;
  pods: FakePod[];
}

/**
 * The pods' behaviour: `/status/<code>` answers that code, `/delay/<ms>` waits, `/flaky/<n>/<key>` fails
 * with 503 the first n times per key; everything else answers 200. Every answer carries `x-pod`.
 */
function serve(pod: FakePod, flaky: Map<string, number>): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    const path = req.url ?? '/';
    // Recorded on arrival (the body is filled in at its end), so tests see requests still in flight.
    const received: Received = { method: req.method ?? '', path, headers: req.headers, body: '' };
    pod.received.push(received);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.body = Buffer.concat(chunks).toString();
      const reply = (status: number) =>
        res
          .writeHead(status, { 'x-pod': pod.name, 'content-type': 'application/json' })
          .end(JSON.stringify({ pod: pod.name, path, host: req.headers.host }));
      const status = /^\/status\/(\d{3})/.exec(path);
      const delay = /^\/delay\/(\d+)/.exec(path);
      const flakyMatch = /^\/flaky\/(\d+)\/(\w+)/.exec(path);
      if (status) reply(Number(status[1]));
      else if (delay) setTimeout(() => reply(200), Number(delay[1]));
      else if (flakyMatch) {
        const seen = flaky.get(flakyMatch[2]!) ?? 0;
        flaky.set(flakyMatch[2]!, seen + 1);
        reply(seen < Number(flakyMatch[1]) ? 503 : 200);
      } else reply(200);
    });
  });
}

/** Creates and serves fake apps; `stop()` closes every server. */
export class FakeApps {
  private readonly servers: Server[] = [];
  private readonly byPod = new Map<string, Server>();
  private nextIp = 1;
  private readonly flaky = new Map<string, number>();

  constructor(
    private readonly client: KubeClient,
    /** The first two octets of pod IPs, e.g. `127.77`. */
    private readonly ipPrefix: string,
  ) {}

  /** A fresh loopback address for a pod or a client. */
  allocateIp(): string {
    const n = this.nextIp++;
    return `${this.ipPrefix}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }

  /** Deployment `name` → ReplicaSet `name-<hash>` → `replicas` running pods, each serving on its IP. */
  async deploy(
    namespace: string,
    name: string,
    options: { replicas?: number; labels?: Record<string, string> } = {},
  ): Promise<FakeApp> {
    const labels = { app: name, ...options.labels };
    const template = {
      metadata: { labels },
      spec: { containers: [{ name: 'app', image: `example/${name}:1` }] },
    };
    const deployment = await this.client.create<KubeObject>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels },
      spec: { replicas: options.replicas ?? 1, selector: { matchLabels: labels }, template },
    } as KubeObject);
    const hash = '7d9c5b8f4';
    const podLabels = { ...labels, 'pod-template-hash': hash };
    const replicaSet = await this.client.create<KubeObject>({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        namespace,
        labels: podLabels,
        ownerReferences: [ownerRef(deployment)],
      },
      spec: {
        replicas: options.replicas ?? 1,
        selector: { matchLabels: podLabels },
        template: { ...template, metadata: { labels: podLabels } },
      },
    } as KubeObject);
    const pods: FakePod[] = [];
    for (let i = 0; i < (options.replicas ?? 1); i++) {
      const podName = `${name}-${hash}-${'abcdefghij'[i]}x${this.nextIp}`;
      const ip = this.allocateIp();
      const pod: FakePod = { name: podName, ip, port: 0, received: [] };
      const server = serve(pod, this.flaky);
      this.servers.push(server);
      this.byPod.set(podName, server);
      // All pods of an app listen on one port (each on its own IP), as a Deployment's pods do.
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(pods[0]?.port ?? 0, ip, resolve);
      });
      pod.port = (server.address() as AddressInfo).port;
      const created = await this.client.create<KubeObject>({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: podName, namespace, labels: podLabels, ownerReferences: [ownerRef(replicaSet)] },
        spec: {
          containers: [
            { name: 'app', image: `example/${name}:1`, ports: [{ name: 'http', containerPort: pod.port }] },
          ],
        },
      } as KubeObject);
      await this.client.replaceStatus({
        ...created,
        status: {
          phase: 'Running',
          podIP: ip,
          podIPs: [{ ip }],
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      } as KubeObject);
      pods.push(pod);
    }
    return { namespace, name, pods };
  }

  /** Stops a pod's server (its process died): connections to it are refused from now on. */
  async kill(pod: FakePod): Promise<void> {
    const server = this.byPod.get(pod.name);
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Closes the pod's idle keep-alive connections, as a server whose keep-alive timeout passed does. */
  async dropConnections(pod: FakePod): Promise<void> {
    this.byPod.get(pod.name)?.closeIdleConnections();
  }

  /** Closes every pod's server. */
  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (!server.listening) return resolve();
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  }
}

function ownerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
