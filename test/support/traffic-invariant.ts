import type { Deployment } from '../../src/kube/api/apps-v1.js';
import type { KubeClient } from '../../src/kube/kube-client.js';
import type { KubeObject } from '../../src/kube/kube-object.js';
import { routingObjects } from './routes.js';

interface Service extends KubeObject {
  spec?: { selector?: Record<string, string> };
}

const deploymentType = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;

/**
 * "Never route traffic to a workload that cannot serve it": after each write, every destination a
 * routing object sends a non-zero weight to must be a Service selecting Deployments that want replicas
 * and have ready ones. Reads the API server (not an operator's cache), so it judges what users get.
 */
export class TrafficInvariant {
  /** Every breach seen, with the write after which it was seen. */
  readonly violations: string[] = [];
  /** Checks made. */
  checks = 0;

  constructor(
    private readonly raw: KubeClient,
    private readonly namespace: string,
    private readonly apex: string,
  ) {}

  /** Records a violation if the cluster routes traffic to a workload without ready (or wanted) replicas now. */
  async check(after: string): Promise<void> {
    this.checks++;
    const { items } = await this.raw.list<Deployment>(deploymentType, { namespace: this.namespace });
    for (const object of await routingObjects(this.raw, this.namespace, this.apex)) {
      for (const [service, weight] of object.weights) {
        if (weight <= 0) continue;
        const svc = await this.raw.get<Service>({
          apiVersion: 'v1',
          kind: 'Service',
          namespace: this.namespace,
          name: service,
        });
        const selector = Object.entries(svc?.spec?.selector ?? {});
        const selected = items.filter(
          (d) =>
            selector.length > 0 && selector.every(([k, v]) => d.spec.template.metadata?.labels?.[k] === v),
        );
        const wanted = selected.reduce((n, d) => n + (d.spec.replicas ?? 1), 0);
        const ready = selected.reduce((n, d) => n + (d.status?.readyReplicas ?? 0), 0);
        if (wanted === 0 || ready === 0) {
          this.violations.push(
            `after ${after}: ${object.kind} ${this.apex} sends ${weight}% to ${service} ` +
              `(Deployments [${selected.map((d) => d.metadata.name).join(', ')}]: ${wanted} wanted, ${ready} ready)`,
          );
        }
      }
    }
  }
}
