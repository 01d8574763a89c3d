import { type Canary, parseCanary } from '../apis/index.js';
import type { InformerCache } from '../kube/informer-cache.js';
import { type KubeObject, keyOf } from '../kube/kube-object.js';
import type { Clock } from '../platform/clock.js';
import { parseGoDuration } from '../platform/go-duration.js';
import type { Logger } from '../platform/logger.js';
import type { TickOutcome } from '../scheduler/advance.js';
import { WorkQueue } from './work-queue.js';

export const canaryType = { apiVersion: 'flagger.app/v1beta1', kind: 'Canary' } as const;

/** What the controller drives and reports to. */
export interface CanaryControllerDeps {
  cache: InformerCache;
  clock: Clock;
  logger: Logger;
  /** One tick of a canary. */
  tick(canary: Canary): Promise<TickOutcome>;
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

  /** Subscribes to the cache (call before the cache starts listing). */
  watch(workloadTypes: readonly { apiVersion: string; kind: string }[]): void {
    this.deps.cache.track<Canary>(canaryType, {
      onAdd: (canary) => this.upsert(canary, true),
      onUpdate: (previous, canary) =>
        this.upsert(canary, previous.metadata.generation !== canary.metadata.generation),
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
    if (!entry) this.scheduled.set(key, { timer: undefined, intervalMs, target });
    else Object.assign(entry, { intervalMs, target });
    this.count();
    if (specChanged && this.active) this.queue.add(key);
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
      if (revision !== undefined && revision !== canary.status?.lastAppliedSpec) this.queue.add(key);
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
    try {
      const parsed = parseCanary(canary);
      if (!parsed.ok)
        this.deps.invalid(canary, parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
      else await this.deps.tick(parsed.canary);
    } finally {
      if (this.active && this.scheduled.get(key) === entry) {
        entry.timer = setTimeout(() => this.queue.add(key), entry.intervalMs);
        entry.timer.unref();
      }
    }
  }
}
