import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import type { Canary } from '../../src/apis/index.js';
import { DemoKubectl } from '../../src/demo/demo-kubectl.js';
import type { Deployment } from '../../src/kube/api/apps-v1.js';
import { RestKubeClient } from '../../src/kube/kube-client.js';
import { KubeConfigTransport } from '../../src/kube/rest-client.js';
import { playgroundDown, playgroundUp } from '../../src/local/playground/playground-control.js';
import { type PlaygroundPaths, playgroundPaths } from '../../src/local/playground/playground-paths.js';
import type { PlaygroundState } from '../../src/local/playground/playground-state.js';
import { packageRoot } from '../../src/platform/tools.js';

/** An answer received through the mesh. */
export interface MeshReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One JSON line of the operator's log. */
export interface OperatorLogLine {
  ts: string;
  msg: string;
  canary?: string;
}

/**
 * A real playground (`weir local up` in a temp dir: API server, kubelet running podinfo and the load
 * tester as processes, the mesh, the real Prometheus, the operator) and what end-to-end tests do with it.
 */
export class PlaygroundSession {
  private constructor(
    readonly paths: PlaygroundPaths,
    readonly state: PlaygroundState,
    readonly client: RestKubeClient,
    private readonly agent: http.Agent,
  ) {}

  /** Brings a fresh playground up with the operator's `-mesh-provider`. */
  static async start(meshProvider: string): Promise<PlaygroundSession> {
    const paths = playgroundPaths(mkdtempSync(join(tmpdir(), 'weir-e2e-')));
    const { state } = await playgroundUp(paths, { meshProvider, minAnalysisInterval: '1s' });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(state.kubeconfig);
    const client = new RestKubeClient(new KubeConfigTransport(kubeConfig));
    return new PlaygroundSession(paths, state, client, new http.Agent({ keepAlive: true, maxSockets: 4 }));
  }

  /** Stops everything and removes the data directory. */
  async stop(): Promise<void> {
    this.agent.destroy();
    await playgroundDown(this.paths).catch(() => {});
    // WEIR_E2E_KEEP=1 keeps the logs and state for a post-mortem.
    if (!process.env.WEIR_E2E_KEEP) rmSync(this.paths.root, { recursive: true, force: true });
  }

  /** Runs kubectl against the playground (`KUBECONFIG` set); answers its output, throws when it fails. */
  kubectl(...args: string[]): Promise<string> {
    const env = {
      ...process.env,
      KUBECONFIG: this.state.kubeconfig,
      KUBECACHEDIR: join(this.paths.root, 'kube-cache'),
    };
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    return new DemoKubectl(env, sink).run(args, { quiet: true });
  }

  /** A namespace with examples/podinfo's Deployment (one replica, no autoscaler) at `image`. */
  async podinfo(namespace: string, image = 'ghcr.io/stefanprodan/podinfo:6.0.0'): Promise<void> {
    await this.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const file = join(packageRoot(), 'examples', 'podinfo', 'deployment.yaml');
    const deployment = parse(readFileSync(file, 'utf8')) as Deployment;
    deployment.metadata.namespace = namespace;
    deployment.spec.replicas = 1;
    deployment.spec.minReadySeconds = 0;
    deployment.spec.template.spec.containers[0]!.image = image;
    await this.client.create(deployment);
  }

  /**
   * Starts a run of `canary` the guide's way: its namespace with podinfo 6.0.0, the Canary, initialization,
   * then `kubectl set image` to `image`.
   */
  async startRun(canary: Canary, image = 'ghcr.io/stefanprodan/podinfo:6.0.1'): Promise<void> {
    const namespace = canary.metadata.namespace ?? 'default';
    await this.podinfo(namespace);
    await this.client.create(canary);
    await this.waitFor(namespace, (c) => c.status?.phase === 'Initialized', 'initialization');
    await this.setImage(namespace, image);
  }

  /** `kubectl set image deployment/podinfo podinfod=<image>`. */
  async setImage(namespace: string, image: string): Promise<void> {
    await this.client.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: 'podinfo' },
      { spec: { template: { spec: { containers: [{ name: 'podinfod', image }] } } } },
      'application/strategic-merge-patch+json',
    );
  }

  /** The canary as the API server has it. */
  async canary(namespace: string, name = 'podinfo'): Promise<Canary> {
    const ref = { apiVersion: 'flagger.app/v1beta1', kind: 'Canary', namespace, name };
    const canary = await this.client.get<Canary>(ref);
    if (!canary) throw new Error(`canary ${name}.${namespace} not found`);
    return canary;
  }

  /** Polls the canary until `done` holds; the error names the last phase and the operator's last words. */
  async waitFor(
    namespace: string,
    done: (canary: Canary) => boolean,
    what: string,
    timeoutMs = 90_000,
  ): Promise<Canary> {
    const deadline = Date.now() + timeoutMs;
    let last: Canary | undefined;
    while (Date.now() < deadline) {
      last = await this.canary(namespace).catch(() => undefined);
      if (last && done(last)) return last;
      await delay(200);
    }
    const said = this.log(`podinfo.${namespace}`)
      .slice(-6)
      .map((l) => l.msg);
    throw new Error(
      `podinfo.${namespace}: no ${what} within ${timeoutMs / 1000}s (phase ${last?.status?.phase}, ` +
        `message ${last?.status?.message}); operator said:\n${said.join('\n')}`,
    );
  }

  /** The operator's log lines about one canary (`podinfo.test`), in order. */
  log(canary: string): OperatorLogLine[] {
    return readFileSync(this.paths.operatorLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OperatorLogLine)
      .filter((line) => line.canary === canary);
  }

  /** A request through the mesh as a forward proxy (`curl -x <mesh> <url>`). */
  request(
    url: string,
    options: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<MeshReply> {
    const proxy = new URL(this.state.addresses.meshProxy);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: proxy.hostname,
          port: Number(proxy.port),
          path: url,
          method: options.method ?? 'GET',
          agent: this.agent,
          headers: { host: new URL(url).host, ...options.headers },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          res.on('error', reject);
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${url} within 10s`)));
      req.on('error', reject);
      req.end(options.body);
    });
  }

  /** The podinfo version answering `GET <url>/version` through the mesh, and the reply. */
  async version(
    host: string,
    headers: Record<string, string> = {},
  ): Promise<{ version: string; reply: MeshReply }> {
    const reply = await this.request(`http://${host}/version`, { headers });
    if (reply.status !== 200) throw new Error(`GET http://${host}/version: ${reply.status} ${reply.body}`);
    return { version: (JSON.parse(reply.body) as { version: string }).version, reply };
  }

  /** How many answers of `count` requests to `host` came from each version. */
  async versions(
    host: string,
    count: number,
    headers: Record<string, string> = {},
  ): Promise<Map<string, number>> {
    const seen = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const { version } = await this.version(host, headers);
      seen.set(version, (seen.get(version) ?? 0) + 1);
    }
    return seen;
  }

  /** A PromQL instant query against the playground's Prometheus (0 when the result is empty). */
  async prometheus(query: string): Promise<number> {
    const url = `${this.state.addresses.prometheus}/api/v1/query?query=${encodeURIComponent(query)}`;
    const body = (await (await fetch(url)).json()) as { data: { result: { value: [number, string] }[] } };
    return Number(body.data.result[0]?.value[1] ?? 0);
  }
}
