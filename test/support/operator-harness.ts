import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { Canary } from '../../src/apis/index.js';
import { loadConfig } from '../../src/config/config.js';
import type { KubeObject, ObjectRef, TypeRef } from '../../src/kube/kube-object.js';
import { meshCrds } from '../../src/local/mesh-crds/mesh-crds.js';
import { buildOperatorParts, type OperatorParts } from '../../src/main/operator-deps.js';
import { ManualClock } from '../../src/platform/clock.js';
import { MemoryLogger } from '../../src/platform/logger.js';
import { packageRoot } from '../../src/platform/tools.js';
import { advanceCanary, type TickOutcome } from '../../src/scheduler/advance.js';
import { eventually } from './eventually.js';
import { type TestKube, testKube } from './kube.js';
import { startTestApi, type TestApi } from './local-api.js';
import { PrometheusStub } from './prometheus-stub.js';
import { flaggerReference } from './reference.js';

const deploymentType = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;
export const canaryType = { apiVersion: 'flagger.app/v1beta1', kind: 'Canary' } as const;

interface Deployment extends KubeObject {
  spec: { replicas?: number; template: { spec: { containers: { name: string; image: string }[] } } };
  status?: Record<string, unknown>;
}

/**
 * A scenario world for the scheduler: the local API server with Weir's CRDs and the mesh CRDs, the podinfo
 * Deployment of the walkthrough, a Prometheus-API stand-in, and the operator's real parts wired by
 * `buildOperatorParts` — ticks are stepped by hand with a manual clock. Workload readiness is written
 * into Deployment status the way a kubelet would (the real kubelet is the playground's).
 */
export class OperatorHarness {
  readonly clock = new ManualClock('2026-06-01T10:00:00Z');
  readonly logger = new MemoryLogger();
  readonly notReady = new Set<string>();
  /** Every event the scheduler emitted, in order, with the phase at emission (as Flagger's events_test records). */
  readonly recorded: { type: 'Normal' | 'Warning'; phase: string; message: string }[] = [];
  private constructor(
    readonly api: TestApi,
    readonly kube: TestKube,
    readonly prometheus: PrometheusStub,
    readonly parts: OperatorParts,
  ) {}

  /** Starts a world with `flags` as `weir operator` flags (the metrics server is the stub). */
  static async start(flags: string[] = []): Promise<OperatorHarness> {
    const api = await startTestApi({ inMemory: true });
    const kube = testKube(api.kubeconfig);
    const prometheus = await PrometheusStub.start();
    const crds = parseAllDocuments(
      readFileSync(join(packageRoot(), 'deploy', 'crds', 'crds.yaml'), 'utf8'),
    ).map((d) => d.toJSON() as KubeObject);
    for (const crd of [...crds, ...meshCrds()]) await kube.raw.create(crd);
    await kube.raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'test' } });
    const config = loadConfig([`-metrics-server=${prometheus.url}`, '-mesh-provider=istio', ...flags], {});
    const harness = new OperatorHarness(api, kube, prometheus, undefined as unknown as OperatorParts);
    const parts = buildOperatorParts({
      config,
      client: kube.client,
      cache: kube.cache,
      clock: harness.clock,
      logger: harness.logger,
      version: 'test',
      sleep: async () => {},
    });
    (harness as { parts: OperatorParts }).parts = parts;
    const inner = parts.scheduler.events;
    parts.scheduler.events = {
      normal: (canary, message) => {
        harness.recorded.push({ type: 'Normal', phase: canary.status?.phase ?? '', message });
        inner.normal(canary, message);
      },
      warning: (canary, message, level) => {
        harness.recorded.push({ type: 'Warning', phase: canary.status?.phase ?? '', message });
        inner.warning(canary, message, level);
      },
      alert: (canary, message, severity, withMetadata) => inner.alert(canary, message, severity, withMetadata),
      flush: () => inner.flush(),
    };
    kube.cache.track(canaryType);
    await kube.cache.synced();
    return harness;
  }

  /** The upstream podinfo Deployment (kustomize-podinfo) in namespace test. */
  async applyPodinfo(): Promise<void> {
    const deployment = parse(
      readFileSync(flaggerReference('kustomize-podinfo', 'deployment.yaml'), 'utf8'),
    ) as KubeObject;
    deployment.metadata.namespace = 'test';
    await this.kube.raw.create(deployment);
  }

  /** Creates or replaces an object. */
  async apply<T extends KubeObject>(object: T): Promise<T> {
    const existing = await this.kube.raw.get<T>(refOf(object));
    if (!existing) return this.kube.raw.create(object);
    return this.kube.raw.replace({
      ...object,
      metadata: { ...object.metadata, resourceVersion: existing.metadata.resourceVersion },
    });
  }

  /** `kubectl set image` on the podinfo target. */
  async setImage(image: string, name = 'podinfo'): Promise<void> {
    await this.kube.raw.patch(
      { ...deploymentType, namespace: 'test', name },
      { spec: { template: { spec: { containers: [{ name: 'podinfod', image }] } } } },
      'application/strategic-merge-patch+json',
    );
  }

  /** Writes the status a kubelet would for every Deployment in `test` (not-ready ones keep 0 available). */
  async settleWorkloads(): Promise<void> {
    const { items } = await this.kube.raw.list<Deployment>(deploymentType, { namespace: 'test' });
    for (const deployment of items) {
      const replicas = deployment.spec.replicas ?? 1;
      const ready = this.notReady.has(deployment.metadata.name) ? 0 : replicas;
      const status = {
        observedGeneration: deployment.metadata.generation,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        conditions: [
          {
            type: 'Available',
            status: ready >= replicas ? 'True' : 'False',
            reason: ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
            lastUpdateTime: this.now(),
            lastTransitionTime: this.now(),
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            lastUpdateTime: this.now(),
            lastTransitionTime: this.now(),
          },
        ],
      };
      if (JSON.stringify(deployment.status) === JSON.stringify(status)) continue;
      await this.kube.raw.replaceStatus({ ...deployment, status });
    }
  }

  /** Waits until the operator's cache holds exactly what the API server holds, for the kinds ticks read. */
  async sync(): Promise<void> {
    const types: TypeRef[] = [canaryType, deploymentType, { apiVersion: 'v1', kind: 'Service' }];
    await eventually(async () => {
      for (const type of types) {
        const { items } = await this.kube.raw.list(type);
        for (const item of items) {
          const cached = this.kube.cache.get(refOf(item));
          if (cached?.metadata.resourceVersion !== item.metadata.resourceVersion)
            throw new Error(`cache behind for ${type.kind} ${item.metadata.name}`);
        }
      }
    });
  }

  /** One tick: workloads settle, caches catch up, the scheduler runs on the cached canary, events are delivered. */
  async tick(name = 'podinfo'): Promise<TickOutcome> {
    await this.settleWorkloads();
    await this.sync();
    const canary = this.kube.cache.get<Canary>({ ...canaryType, namespace: 'test', name });
    if (!canary) throw new Error(`canary ${name} is not in the cache`);
    const outcome = await advanceCanary(this.parts.scheduler, canary);
    await this.parts.events.flush();
    this.clock.advance(60_000);
    return outcome;
  }

  /** Ticks until `done` holds (at most `limit` ticks); answers the outcomes. */
  async tickUntil(done: (canary: Canary) => boolean, limit = 30, name = 'podinfo'): Promise<TickOutcome[]> {
    const outcomes: TickOutcome[] = [];
    for (let i = 0; i < limit; i++) {
      outcomes.push(await this.tick(name));
      if (done(await this.canary(name))) return outcomes;
    }
    throw new Error(
      `not done after ${limit} ticks; phase ${(await this.canary(name)).status?.phase}; last events:\n${this.messages().slice(-8).join('\n')}`,
    );
  }

  /** The canary as the API server has it. */
  async canary(name = 'podinfo'): Promise<Canary> {
    const canary = await this.kube.raw.get<Canary>({ ...canaryType, namespace: 'test', name });
    if (!canary) throw new Error(`canary ${name} not found`);
    return canary;
  }

  /** An object as the API server has it. */
  get<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    return this.kube.raw.get<T>(ref);
  }

  /** The `msg` of every Normal/Warning event logged so far (what `jq .msg` of the log shows). */
  messages(): string[] {
    return this.logger.lines
      .filter((l) => typeof l.fields.canary === 'string' && l.level !== 'debug')
      .map((l) => l.msg);
  }

  /** Stops everything. */
  async stop(): Promise<void> {
    await this.parts.events.flush();
    this.kube.cache.stop();
    await this.prometheus.close();
    await this.api.stop();
  }

  private now(): string {
    return `${this.clock.now().toISOString().slice(0, 19)}Z`;
  }
}

function refOf(object: KubeObject): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  };
}
