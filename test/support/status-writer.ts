import type { Deployment } from '../../src/kube/api/apps-v1.js';
import { systemClock } from '../../src/platform/clock.js';
import { type RolloutMemory, settledDeploymentStatus } from './deployment-status.js';
import { testKube } from './kube.js';

/**
 * The kubelet and deployment controller for tests with real timers: it watches the Deployments of a
 * namespace and, whenever one changes, writes the status Kubernetes would once its pods are up (all
 * ready, or none for names in `notReady`). Event-driven, so it makes no request while nothing changes.
 */
export class DeploymentStatusWriter {
  readonly notReady = new Set<string>();
  private readonly kube;
  private readonly rollouts = new Map<string, RolloutMemory>();
  private chain: Promise<void> = Promise.resolve();

  constructor(kubeconfig: string, namespace: string) {
    this.kube = testKube(kubeconfig, namespace);
  }

  /** Starts watching; resolves once the Deployments are listed. */
  async start(): Promise<void> {
    const settle = (deployment: Deployment) => {
      this.chain = this.chain.then(() => this.settle(deployment)).catch(() => {});
    };
    this.kube.cache.track<Deployment>(
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { onAdd: settle, onUpdate: (_previous, deployment) => settle(deployment) },
    );
    await this.kube.cache.synced();
  }

  /** Stops watching (after the writes in flight). */
  async stop(): Promise<void> {
    this.kube.cache.stop();
    await this.chain;
  }

  private async settle(deployment: Deployment): Promise<void> {
    const name = deployment.metadata.name;
    const { status, memory } = settledDeploymentStatus(deployment, {
      ready: !this.notReady.has(name),
      now: systemClock.now(),
      memory: this.rollouts.get(name),
    });
    this.rollouts.set(name, memory);
    if (JSON.stringify(deployment.status) === JSON.stringify(status)) return;
    // A stale copy conflicts; the watch brings the newer one, which is settled in turn.
    await this.kube.raw.replaceStatus<Deployment>({ ...deployment, status });
  }
}
