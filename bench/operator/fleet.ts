import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Canary } from '../../src/apis/index.js';
import type { Deployment } from '../../src/kube/api/apps-v1.js';
import { packageRoot } from '../../src/platform/tools.js';
import type { HttpClient } from '../support/http-client.js';
import { WatchStream } from '../support/watch-stream.js';
import { namespaceOf } from './operator-world.js';

/** `app-00001`: the name of the i-th Deployment and of its Canary. */
export function fleetName(index: number): string {
  return `app-${String(index).padStart(5, '0')}`;
}

/** The podinfo Deployment of the walkthrough (examples/podinfo), renamed. */
export function fleetDeployment(index: number): Deployment {
  const text = readFileSync(join(packageRoot(), 'examples', 'podinfo', 'deployment.yaml'), 'utf8');
  const example = parse(text) as Deployment;
  const name = fleetName(index);
  const labels = { app: name };
  return {
    ...example,
    metadata: { name, namespace: namespaceOf(index), labels },
    spec: {
      ...example.spec,
      selector: { matchLabels: labels },
      template: { ...example.spec.template, metadata: { ...example.spec.template.metadata, labels } },
    },
  };
}

/**
 * The walkthrough's Canary (examples/canary) for the i-th Deployment, with `interval`; without its HPA
 * reference and load-test webhook (an idle canary calls neither).
 */
export function fleetCanary(index: number, interval: string): Canary {
  const text = readFileSync(join(packageRoot(), 'examples', 'canary', 'podinfo-canary.yaml'), 'utf8');
  const example = parse(text) as Canary;
  const name = fleetName(index);
  const { autoscalerRef: _hpa, ...spec } = example.spec;
  const { webhooks: _hooks, ...analysis } = spec.analysis ?? {};
  return {
    ...example,
    metadata: { name, namespace: namespaceOf(index) },
    spec: { ...spec, targetRef: { ...spec.targetRef, name }, analysis: { ...analysis, interval } },
  };
}

/** Creates `count` Deployments and their Canaries, `batch` at a time, reporting how many exist. */
export async function createFleet(
  client: HttpClient,
  options: { count: number; interval: string; batch?: number; onProgress?: (created: number) => void },
): Promise<void> {
  const batch = options.batch ?? 20;
  for (let start = 1; start <= options.count; start += batch) {
    const creations: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(options.count + 1, start + batch); i++) {
      const ns = namespaceOf(i);
      creations.push(
        client
          .json('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, fleetDeployment(i))
          .then(() =>
            client.json(
              'POST',
              `/apis/flagger.app/v1beta1/namespaces/${ns}/canaries`,
              fleetCanary(i, options.interval),
            ),
          ),
      );
    }
    await Promise.all(creations);
    options.onProgress?.(Math.min(options.count, start + batch - 1));
  }
}

/** The phase of every Canary, followed through one watch. */
export class CanaryPhases {
  private readonly phases = new Map<string, string>();
  private readonly watch: WatchStream<Canary>;

  private constructor(client: HttpClient, list: { items: Canary[]; metadata: { resourceVersion: string } }) {
    for (const canary of list.items) this.set(canary);
    this.watch = new WatchStream<Canary>({
      url: client.baseUrl,
      path: '/apis/flagger.app/v1beta1/canaries',
      resourceVersion: list.metadata.resourceVersion,
      onEvent: (event) => {
        if (event.type === 'DELETED')
          this.phases.delete(`${event.object.metadata.namespace}/${event.object.metadata.name}`);
        else this.set(event.object);
      },
    });
  }

  /** Lists the Canaries and follows them from there. */
  static async start(client: HttpClient): Promise<CanaryPhases> {
    const list = (await client.json('GET', '/apis/flagger.app/v1beta1/canaries')) as {
      items: Canary[];
      metadata: { resourceVersion: string };
    };
    const phases = new CanaryPhases(client, list);
    await phases.watch.ready();
    return phases;
  }

  private set(canary: Canary): void {
    this.phases.set(`${canary.metadata.namespace}/${canary.metadata.name}`, canary.status?.phase ?? '');
  }

  /** How many canaries are in `phase`. */
  count(phase: string): number {
    let n = 0;
    for (const value of this.phases.values()) if (value === phase) n++;
    return n;
  }

  /** Resolves once `count` canaries are in `phase`, reporting progress every `everyMs`; throws after `timeoutMs`. */
  async waitFor(
    phase: string,
    count: number,
    options: { timeoutMs: number; everyMs?: number; onProgress?: (inPhase: number) => void },
  ): Promise<void> {
    const deadline = performance.now() + options.timeoutMs;
    let reported = performance.now();
    while (this.count(phase) < count) {
      if (performance.now() > deadline)
        throw new Error(`only ${this.count(phase)} of ${count} canaries reached ${phase}`);
      if (options.onProgress && performance.now() - reported >= (options.everyMs ?? 5000)) {
        reported = performance.now();
        options.onProgress(this.count(phase));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop(): void {
    this.watch.stop();
  }
}
