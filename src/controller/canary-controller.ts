import { type Canary, parseCanary } from '../apis/index.js';
import type { InformerCache } from '../kube/informer-cache.js';
import { type KubeObject, keyOf } from '../kube/kube-object.js';
import type { Clock } from '../platform/clock.js';
import { parseGoDuration } from '../platform/go-duration.js';
import type { Logger } from '../platform/logger.js';
import type { TickOutcome } from '../scheduler/advance.js';
import type { SyncResult } from './canary-sync.js';
import { WorkQueue } from './work-queue.js';

export const canaryType = { apiVersion: 'flagger.app/v1beta1', kind: 'Canary' } as const;

/** What the controller drives and reports to. */
export interface CanaryControllerDeps {
  cache: InformerCache;
  clock: Clock;
  logger: Logger;
  /** Flagger's syncHandler before each tick: validation, finalizers, revertOnDeletion; ticks only on `tick`. */
  sync(canary: Canary): Promise<SyncResult>;
  /** One tick of a canary. */
  tick(canary: Canary): Promise<TickOutcome>;
  /** The ConfigMaps and Secrets a canary's target references (config tracking): their changes may be new revisions. */
  configRefs?(canary: Canary): readonly { kind: string; name: string }[];
  /** The revision hash of a canary's target as cached now, undefined when unknown. */
  revision(canary: Canary): string | undefined;
  /** Reports a canary whose spec cannot be used (Warning event + status). */
  invalid(canary: Canary, problems: string): void;
  /** Receives the number of canaries per namespace after each change. */
  counted?(byNamespace: Map<string, number>): void;
  minAnalysisIntervalMs: number;
  maxConcurrentTicks: number;
  /** Told when a tick throws (never expected: ticks turn failures into events). */
  onError(key: string, error: unknown): void;
  /** Told after each tick when it was due, started and ended (benchmarks, diagnostics). */
  onTick?(timing: TickTiming): void;
}

/** When one tick was due, started and ended (ms since the epoch, from the controller's clock). */
export interface TickTiming {
  /** `namespace/name` of the canary. */
  key: string;
  /** What asked for it: the canary's interval timer, or a change (start, spec, new revision). */
  cause: 'interval' | 'change';
  /** The timer's deadline, or the moment of the change. */
  dueMs: number;
  /** When the tick started (after waiting in the queue). */
  startedMs: number;
  /** When it ended. */
  endedMs: number;
}

const defaultIntervalMs = 60_000;

/** `analysis.interval` in ms: unparsable → 60 s, below the minimum → the minimum (Flagger's GetAnalysisInterval). */
export function analysisIntervalMs(canary: Canary, minimumMs: number): number {
  const text = canary.spec.analysis?.interval;
  const parsed = text ? parseGoDuration(text) : undefined;
  const interval = parsed === undefined || parsed <= 0 ? defaultIntervalMs : parsed;
  return Math.max(interval, minimumMs);
}

interface Scheduled {
  timer: NodeJS.Timeout | undefined;
  intervalMs: number;
  target: string;
  /** The deadline of the armed timer. */
  dueMs: number | undefined;
  /** When a change asked for a tick not yet started. */
  changedMs: number | undefined;
}

/**
 * Schedules canaries: a tick at each canary's analysis interval (measured from the end of the previous
 * tick), and an immediate one when its spec changes or its target gets a new revision — so a rollout
 * starts within a second of `kubectl set image`, not at the next interval. Ticks of one canary never
 * overlap; different canaries run in parallel up to a limit.
 */
export class CanaryController {
  private readonly scheduled = new Map<string, Scheduled>();
  private readonly byTarget = new Map<string, Set<string>>();
  private readonly queue: WorkQueue;
  private active = false;

  constructor(private readonly deps: CanaryControllerDeps) {
    this.queue = new WorkQueue((key) => this.process(key), deps.maxConcurrentTicks, deps.onError);
  }

  /** Subscribes to the cache (call before the cache starts listing); `configTypes` are ConfigMaps and Secrets. */
  watch(
    workloadTypes: readonly { apiVersion: string; kind: string }[],
    configTypes: readonly { apiVersion: string; kind: string }[] = [],
  ): void {
    this.deps.cache.track<Canary>(canaryType, {
      onAdd: (canary) => this.upsert(canary, true),
      onUpdate: (previous, canary) =>
        this.upsert(
          canary,
          previous.metadata.generation !== canary.metadata.generation ||
            (canary.metadata.deletionTimestamp !== undefined && !previous.metadata.deletionTimestamp),
        ),
      onDelete: (canary) => this.remove(canary),
    });
    for (const type of workloadTypes) {
      this.deps.cache.track<KubeObject & { spec?: unknown }>(type, {
        onUpdate: (previous, workload) => {
          if (previous.metadata.generation !== workload.metadata.generation) this.targetChanged(workload);
        },
        onAdd: (workload) => this.targetChanged(workload),
      });
    }
    // A config has no generation: any change of one a canary references is worth a revision check.
    for (const type of configTypes) {
      this.deps.cache.track<KubeObject>(type, {
        onAdd: (config) => this.configChanged(config),
        onUpdate: (_previous, config) => this.configChanged(config),
        onDelete: (config) => this.configChanged(config),
      });
    }
  }

  /** Starts ticking (when this process leads). */
  start(): void {
    this.active = true;
    this.queue.resume();
    for (const canary of this.deps.cache.list<Canary>(canaryType)) this.upsert(canary, true);
  }

  /** Stops ticking at once (leadership lost, shutdown); running ticks finish. */
  stop(): void {
    this.active = false;
    for (const entry of this.scheduled.values()) if (entry.timer) clearTimeout(entry.timer);
    this.queue.stop();
  }

  /** Resolves when no tick is queued or running. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private targetKey(namespace: string | undefined, kind: string, name: string): string {
    return `${namespace ?? ''}/${kind}/${name}`;
  }

  private upsert(canary: Canary, specChanged: boolean): void {
    const key = keyOf(canary.metadata);
    const target = this.targetKey(
      canary.metadata.namespace,
      canary.spec?.targetRef?.kind ?? '',
      canary.spec?.targetRef?.name ?? '',
    );
    const entry = this.scheduled.get(key);
    if (entry && entry.target !== target) this.byTarget.get(entry.target)?.delete(key);
    let set = this.byTarget.get(target);
    if (!set) {
      set = new Set();
      this.byTarget.set(target, set);
    }
    set.add(key);
    const intervalMs = canary.spec?.analysis
      ? analysisIntervalMs(canary, this.deps.minAnalysisIntervalMs)
      : defaultIntervalMs;
    if (!entry) {
      this.scheduled.set(key, {
        timer: undefined,
        intervalMs,
        target,
        dueMs: undefined,
        changedMs: undefined,
      });
      // Only a new canary changes the counts (a key keeps its namespace): counting on every status
      // update cost O(canaries) per update, quadratic while thousands initialize.
      this.count();
    } else Object.assign(entry, { intervalMs, target });
    if (specChanged && this.active) this.changed(key);
  }

  /** Queues a tick asked for by a change (not the timer). */
  private changed(key: string): void {
    const entry = this.scheduled.get(key);
    if (entry) entry.changedMs ??= this.deps.clock.now().getTime();
    this.queue.add(key);
  }

  private remove(canary: Canary): void {
    const key = keyOf(canary.metadata);
    const entry = this.scheduled.get(key);
    if (entry?.timer) clearTimeout(entry.timer);
    if (entry) this.byTarget.get(entry.target)?.delete(key);
    this.scheduled.delete(key);
    this.count();
    this.deps.logger.info(`Deleting ${canary.metadata.name}.${canary.metadata.namespace} from cache`);
  }

  private targetChanged(workload: KubeObject): void {
    if (!this.active) return;
    const keys = this.byTarget.get(
      this.targetKey(workload.metadata.namespace, workload.kind, workload.metadata.name),
    );
    for (const key of keys ?? []) {
      const [namespace, name] = key.split('/');
      const canary = this.deps.cache.get<Canary>({
        ...canaryType,
        namespace: namespace ?? '',
        name: name ?? '',
      });
      if (!canary) continue;
      const revision = this.deps.revision(canary);
      if (revision !== undefined && revision !== canary.status?.lastAppliedSpec) this.changed(key);
    }
  }

  /** A ConfigMap or Secret changed: canaries of its namespace whose target references it and has a new revision tick now. */
  private configChanged(config: KubeObject): void {
    const configRefs = this.deps.configRefs;
    if (!this.active || !configRefs) return;
    for (const canary of this.deps.cache.list<Canary>(canaryType, config.metadata.namespace)) {
      const refs = configRefs(canary);
      if (!refs.some((ref) => ref.kind === config.kind && ref.name === config.metadata.name)) continue;
      const revision = this.deps.revision(canary);
      if (revision !== undefined && revision !== canary.status?.lastAppliedSpec)
        this.changed(keyOf(canary.metadata));
    }
  }

  private count(): void {
    if (!this.deps.counted) return;
    const byNamespace = new Map<string, number>();
    for (const key of this.scheduled.keys()) {
      const namespace = key.split('/')[0] ?? '';
      byNamespace.set(namespace, (byNamespace.get(namespace) ?? 0) + 1);
    }
    this.deps.counted(byNamespace);
  }

  private async process(key: string): Promise<void> {
    const entry = this.scheduled.get(key);
    if (!entry || !this.active) return;
    if (entry.timer) clearTimeout(entry.timer);
    const [namespace, name] = key.split('/');
    const canary = this.deps.cache.get<Canary>({
      ...canaryType,
      namespace: namespace ?? '',
      name: name ?? '',
    });
    if (!canary) return;
    const startedMs = this.deps.clock.now().getTime();
    const cause = entry.changedMs === undefined ? 'interval' : 'change';
    const dueMs = entry.changedMs ?? entry.dueMs ?? startedMs;
    entry.changedMs = undefined;
    try {
      const parsed = parseCanary(canary);
      if (!parsed.ok)
        this.deps.invalid(canary, parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
      else {
        const synced = await this.deps.sync(parsed.canary);
        if (synced.outcome === 'tick') await this.deps.tick(synced.canary);
      }
    } finally {
      const endedMs = this.deps.clock.now().getTime();
      this.deps.onTick?.({ key, cause, dueMs, startedMs, endedMs });
      if (this.active && this.scheduled.get(key) === entry) {
        entry.dueMs = endedMs + entry.intervalMs;
        entry.timer = setTimeout(() => this.queue.add(key), entry.intervalMs);
        entry.timer.unref();
      }
    }
  }
}
