import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Canary } from '../../src/apis/index.js';
import { type Config, loadConfig } from '../../src/config/config.js';
import type { CoreEvent } from '../../src/events/core-event.js';
import type { Deployment } from '../../src/kube/api/apps-v1.js';
import { CachingKubeClient } from '../../src/kube/caching-kube-client.js';
import type { KubeClient } from '../../src/kube/kube-client.js';
import type { KubeObject, ObjectRef, TypeRef } from '../../src/kube/kube-object.js';
import { buildOperatorParts, type OperatorParts } from '../../src/main/operator-deps.js';
import { ManualClock } from '../../src/platform/clock.js';
import { MemoryLogger } from '../../src/platform/logger.js';
import { advanceCanary, type TickOutcome } from '../../src/scheduler/advance.js';
import { installCrds } from './crds.js';
import { settleDaemonSets } from './daemonset-status.js';
import { type RolloutMemory, settleDeployments } from './deployment-status.js';
import { eventually } from './eventually.js';
import { type TestKube, testKube } from './kube.js';
import { startTestApi, type TestApi } from './local-api.js';
import { PrometheusStub } from './prometheus-stub.js';
import { type RecordedEvent, recordingEvents } from './recording-events.js';
import { flaggerReference } from './reference.js';
import { routeWeights, trafficSplitVersions, virtualServiceType } from './routes.js';
import { WriteRecordingClient } from './write-recording-client.js';

export const deploymentType = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;
export const canaryType = { apiVersion: 'flagger.app/v1beta1', kind: 'Canary' } as const;

/** How a scenario world starts. */
export interface HarnessOptions {
  /** `weir operator` flags; `-metrics-server` is the Prometheus stand-in, `-mesh-provider` istio unless given. */
  flags?: string[];
  /** The namespace of the scenario (`test` by default; Flagger's own tests use `default`). */
  namespace?: string;
}

/**
 * A scenario world: the local API server with Weir's and the meshes' CRDs, a Prometheus-API stand-in
 * answering chosen values, and an operator built by `buildOperatorParts` (the wiring `weir operator`
 * runs) whose ticks are stepped by hand under a manual clock. Before each tick, Deployment status is
 * written as the kubelet and deployment controller would (all pods ready, or none for names in
 * `notReady`). The operator can be replaced by a fresh one (new cache, new parts), as after a crash.
 */
export class OperatorHarness {
  readonly clock = new ManualClock('2026-06-01T10:00:00Z');
  readonly logger = new MemoryLogger();
  /** Deployments whose pods never become ready. */
  readonly notReady = new Set<string>();
  /** Every event the scheduler emitted, in order, across operator restarts. */
  readonly recorded: RecordedEvent[] = [];
  /** Called after the emulated kubelet wrote Deployment status. */
  afterSettle: ((names: string[]) => Promise<void>) | undefined;
  /** The running operator's clients and cache. */
  kube!: TestKube;
  /** The running operator's parts. */
  parts!: OperatorParts;
  /** Canary status writes (attempts) of each tick so far: Weir writes the status at most once per tick. */
  readonly statusWritesPerTick: number[] = [];
  private readonly rollouts = new Map<string, RolloutMemory>();
  private writes: WriteRecordingClient | undefined;

  private constructor(
    readonly api: TestApi,
    /** The world's own uncached client (the test's kubectl, kubelet and observers). */
    readonly raw: KubeClient,
    readonly prometheus: PrometheusStub,
    readonly namespace: string,
    readonly config: Readonly<Config>,
    /** Whether stopping this world stops the API server and the stand-in (false for siblings). */
    private readonly owner = true,
  ) {}

  /**
   * Another scenario in its own namespace of the same API server and Prometheus stand-in, with its own
   * clock, events and operator (its cache limited to that namespace, as `-namespace` does).
   */
  static async sibling(
    world: OperatorHarness,
    options: HarnessOptions & { namespace: string },
  ): Promise<OperatorHarness> {
    const { namespace } = options;
    await world.raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const config = loadConfig(
      [
        `-metrics-server=${world.prometheus.url}`,
        '-mesh-provider=istio',
        `-namespace=${namespace}`,
        ...(options.flags ?? []),
      ],
      {},
    );
    const harness = new OperatorHarness(world.api, world.raw, world.prometheus, namespace, config, false);
    await harness.startOperator();
    return harness;
  }

  /** Starts a world and its first operator. */
  static async start(options: HarnessOptions = {}): Promise<OperatorHarness> {
    const api = await startTestApi({ inMemory: true });
    const { raw } = testKube(api.kubeconfig);
    const prometheus = await PrometheusStub.start();
    await installCrds(raw);
    const namespace = options.namespace ?? 'test';
    if (!(await raw.get({ apiVersion: 'v1', kind: 'Namespace', namespace: '', name: namespace })))
      await raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const config = loadConfig(
      [`-metrics-server=${prometheus.url}`, '-mesh-provider=istio', ...(options.flags ?? [])],
      {},
    );
    const harness = new OperatorHarness(api, raw, prometheus, namespace, config);
    await harness.startOperator();
    return harness;
  }

  /**
   * (Re)starts the operator: a new informer cache and new parts over the same API server, the old cache
   * stopped. `wrap` wraps the client the parts write through (to count or kill requests).
   */
  async startOperator(wrap: (client: KubeClient) => KubeClient = (c) => c): Promise<void> {
    if (this.kube) this.kube.cache.stop();
    const kube = testKube(this.api.kubeconfig, this.config.namespace || undefined);
    this.writes = new WriteRecordingClient(new CachingKubeClient(kube.raw, kube.cache));
    const client = wrap(this.writes);
    const parts = buildOperatorParts({
      config: this.config,
      client,
      cache: kube.cache,
      clock: this.clock,
      logger: this.logger,
      version: 'test',
      sleep: async () => {},
    });
    parts.scheduler.events = recordingEvents(parts.scheduler.events, this.recorded);
    kube.cache.track(canaryType);
    await kube.cache.synced();
    this.kube = { ...kube, client };
    this.parts = parts;
  }

  /** The upstream podinfo Deployment (kustomize-podinfo), optionally adjusted. */
  async applyPodinfo(adjust: (deployment: Deployment) => void = () => {}): Promise<void> {
    await this.applyReference<Deployment>('deployment.yaml', adjust);
  }

  /** Creates an upstream kustomize-podinfo manifest (`deployment.yaml`, `hpa.yaml`) in the namespace. */
  async applyReference<T extends KubeObject>(
    file: string,
    adjust: (object: T) => void = () => {},
  ): Promise<void> {
    const object = parse(readFileSync(flaggerReference('kustomize-podinfo', file), 'utf8')) as T;
    object.metadata.namespace = this.namespace;
    adjust(object);
    await this.raw.create(object);
  }

  /** Creates or replaces an object (in the scenario namespace unless it names one). */
  async apply<T extends KubeObject>(object: T): Promise<T> {
    const placed = { ...object, metadata: { namespace: this.namespace, ...object.metadata } };
    const existing = await this.raw.get<T>(refOf(placed));
    if (!existing) return this.raw.create(placed);
    const resourceVersion = existing.metadata.resourceVersion;
    return this.raw.replace({ ...placed, metadata: { ...placed.metadata, resourceVersion } });
  }

  /** A merge patch of the canary's spec (as `kubectl patch --type merge` would send). */
  async patchCanary(spec: Record<string, unknown>, name = 'podinfo'): Promise<void> {
    await this.raw.patch(
      { ...canaryType, namespace: this.namespace, name },
      { spec },
      'application/merge-patch+json',
    );
  }

  /** `kubectl set image deployment/<name> podinfod=<image>`. */
  async setImage(image: string, name = 'podinfo'): Promise<void> {
    await this.raw.patch(
      { ...deploymentType, namespace: this.namespace, name },
      { spec: { template: { spec: { containers: [{ name: 'podinfod', image }] } } } },
      'application/strategic-merge-patch+json',
    );
  }

  /** Writes the status the kubelet and deployment controller would for every Deployment of the namespace. */
  async settleWorkloads(): Promise<void> {
    const written = await settleDeployments(this.raw, this.namespace, {
      notReady: this.notReady,
      now: this.clock.now(),
      rollouts: this.rollouts,
    });
    await settleDaemonSets(this.raw, this.namespace, { notReady: this.notReady });
    if (written.length > 0) await this.afterSettle?.(written);
  }

  /** Waits until the operator's cache holds what the API server holds, for every kind it caches. */
  async sync(): Promise<void> {
    const candidates: TypeRef[] = [
      canaryType,
      deploymentType,
      { apiVersion: 'v1', kind: 'Service' },
      virtualServiceType,
      { apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule' },
      ...trafficSplitVersions.map((v) => ({ apiVersion: `split.smi-spec.io/${v}`, kind: 'TrafficSplit' })),
      { apiVersion: 'flagger.app/v1beta1', kind: 'MetricTemplate' },
      { apiVersion: 'flagger.app/v1beta1', kind: 'AlertProvider' },
      { apiVersion: 'apps/v1', kind: 'DaemonSet' },
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'v1', kind: 'Secret' },
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
    ];
    const scope = this.config.namespace ? { namespace: this.config.namespace } : {};
    const types = candidates.filter((t) => this.kube.cache.tracks(t));
    await eventually(async () => {
      for (const type of types) {
        const { items } = await this.raw.list(type, scope);
        for (const item of items) {
          const cached = this.kube.cache.get(refOf(item));
          if (cached?.metadata.resourceVersion !== item.metadata.resourceVersion)
            throw new Error(`cache behind for ${type.kind} ${item.metadata.name}`);
        }
      }
    });
  }

  /** One tick: workloads settle, the cache catches up, the scheduler runs on the cached canary, events are delivered, a minute passes. */
  async tick(name = 'podinfo'): Promise<TickOutcome> {
    await this.settleWorkloads();
    await this.sync();
    const canary = this.kube.cache.get<Canary>({ ...canaryType, namespace: this.namespace, name });
    if (!canary) throw new Error(`canary ${name} is not in the cache`);
    this.writes?.reset();
    const outcome = await advanceCanary(this.parts.scheduler, canary);
    const statusWrites = this.writes?.writes.filter((w) => w.kind === 'Canary' && w.verb === 'replaceStatus');
    this.statusWritesPerTick.push(statusWrites?.length ?? 0);
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
    const phase = (await this.canary(name)).status?.phase;
    const last = this.recorded.slice(-8).map((e) => `${e.phase} ${e.message}`);
    throw new Error(`not done after ${limit} ticks; phase ${phase}; last events:\n${last.join('\n')}`);
  }

  /** The canary as the API server has it. */
  async canary(name = 'podinfo'): Promise<Canary> {
    const canary = await this.raw.get<Canary>({ ...canaryType, namespace: this.namespace, name });
    if (!canary) throw new Error(`canary ${name} not found`);
    return canary;
  }

  /** A Deployment of the namespace as the API server has it. */
  async deployment(name: string): Promise<Deployment> {
    const found = await this.raw.get<Deployment>({ ...deploymentType, namespace: this.namespace, name });
    if (!found) throw new Error(`deployment ${name} not found`);
    return found;
  }

  /** The image of a Deployment's first container. */
  async image(name: string): Promise<string | undefined> {
    return (await this.deployment(name)).spec.template.spec.containers[0]?.image;
  }

  /** `primary/canary` weights of the routing object of `apex` (`none` when there is none). */
  routes(apex = 'podinfo'): Promise<string> {
    return routeWeights(this.raw, this.namespace, apex);
  }

  /** An object as the API server has it. */
  get<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    return this.raw.get<T>(ref);
  }

  /** The core/v1 Events of the namespace, as `kubectl get events` lists them. */
  async kubeEvents(): Promise<CoreEvent[]> {
    return (
      await this.raw.list<CoreEvent>({ apiVersion: 'v1', kind: 'Event' }, { namespace: this.namespace })
    ).items;
  }

  /** `Type message` of each recorded event (what `kubectl describe` lists), in order. */
  messages(): string[] {
    return this.recorded.map((e) => `${e.type} ${e.message}`);
  }

  /** Stops everything. */
  async stop(): Promise<void> {
    await this.parts.events.flush();
    this.kube.cache.stop();
    if (!this.owner) return;
    await this.prometheus.close();
    await this.api.stop();
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
