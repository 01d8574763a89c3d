import type { Deployment } from '../../src/kube/api/apps-v1.js';
import { type RolloutMemory, settledDeploymentStatus } from '../../test/support/deployment-status.js';
import type { HttpClient } from '../support/http-client.js';
import { WatchStream } from '../support/watch-stream.js';

/** How many status writes may be in flight at once. */
const concurrency = 8;

/**
 * Plays kubelet and deployment controller for every Deployment of the API server: whenever one changes,
 * its status becomes what Kubernetes writes once all its pods are up and ready. Event-driven (one watch),
 * so it sends nothing while nothing changes; its requests carry the user agent `weir-bench`.
 */
export class DeploymentKubelet {
  private readonly rollouts = new Map<string, RolloutMemory>();
  /** The newest copy of each Deployment waiting for a status write. */
  private readonly waiting = new Map<string, Deployment>();
  private running = 0;
  private watch: WatchStream<Deployment> | undefined;
  private idleWaiters: (() => void)[] = [];
  /** Status writes sent so far. */
  writes = 0;

  constructor(private readonly client: HttpClient) {}

  /** Settles the Deployments that exist, then follows changes. */
  async start(): Promise<void> {
    const list = (await this.client.json('GET', '/apis/apps/v1/deployments')) as {
      items: Deployment[];
      metadata: { resourceVersion: string };
    };
    for (const deployment of list.items) this.enqueue(deployment);
    this.watch = new WatchStream<Deployment>({
      url: this.client.baseUrl,
      path: '/apis/apps/v1/deployments',
      resourceVersion: list.metadata.resourceVersion,
      onEvent: (event) => {
        if (event.type === 'ADDED' || event.type === 'MODIFIED') this.enqueue(event.object);
      },
    });
    await this.watch.ready();
  }

  /** Resolves when no status write is waiting or in flight. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.watch?.stop();
  }

  private enqueue(deployment: Deployment): void {
    const key = `${deployment.metadata.namespace}/${deployment.metadata.name}`;
    this.waiting.set(key, deployment);
    this.pump();
  }

  private pump(): void {
    while (this.running < concurrency && this.waiting.size > 0) {
      const [key, deployment] = this.waiting.entries().next().value as [string, Deployment];
      this.waiting.delete(key);
      this.running++;
      void this.settle(key, deployment)
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
    if (this.running === 0 && this.waiting.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async settle(key: string, deployment: Deployment): Promise<void> {
    const { status, memory } = settledDeploymentStatus(deployment, {
      ready: true,
      now: new Date(),
      memory: this.rollouts.get(key),
    });
    this.rollouts.set(key, memory);
    if (JSON.stringify(deployment.status) === JSON.stringify(status)) return;
    const { namespace, name } = deployment.metadata;
    this.writes++;
    // A stale copy conflicts (409); the watch brings the newer one, which is settled in turn.
    await this.client.send('PUT', `/apis/apps/v1/namespaces/${namespace}/deployments/${name}/status`, {
      ...deployment,
      status,
    });
  }
}
