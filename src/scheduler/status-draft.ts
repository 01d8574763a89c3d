import type { Canary, CanaryPhase, CanaryStatus } from '../apis/index.js';
import { type RouteStatus, RouteStatusFields } from '../routers/mesh-router.js';
import { nextConditions } from './promoted-condition.js';

/** Phases in which the weight and iterations of the run are kept when the phase is set. */
const keepsCounters: readonly CanaryPhase[] = ['Progressing', 'Waiting', 'Promoting', 'WaitingPromotion'];

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function rfc3339(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * The status a tick is building. Flagger writes the status several times per tick (SetStatusPhase,
 * SetStatusWeight, SyncStatus, …); Weir applies the same field rules here and writes once at the end,
 * and not at all when nothing changed.
 */
export class StatusDraft {
  readonly status: CanaryStatus;
  private readonly original: CanaryStatus;
  private readonly now: string;
  private readonly kind: string;

  constructor(canary: Canary, now: Date) {
    this.original = canary.status ?? {};
    this.status = structuredClone(this.original);
    this.now = rfc3339(now);
    this.kind = canary.spec.targetRef.kind;
  }

  /** The phase the run is in now. */
  get phase(): CanaryPhase {
    return this.status.phase ?? '';
  }

  /** Flagger's SetStatusPhase, except that WaitingPromotion keeps the weight (§9.3 #9: Flagger shows 0 while traffic is unchanged). */
  setPhase(phase: CanaryPhase): void {
    this.status.phase = phase;
    if (!keepsCounters.includes(phase)) {
      this.status.canaryWeight = 0;
      this.status.iterations = 0;
    }
    if (phase === 'Initialized' || phase === 'Succeeded')
      this.status.lastPromotedSpec = this.status.lastAppliedSpec ?? '';
    this.status.conditions = nextConditions(this.status.conditions, phase, this.kind, this.now);
  }

  /** Flagger's SyncStatus: phase and counters as given (others zero), the current revision, tracked configs. */
  sync(
    next: { phase: CanaryPhase; canaryWeight?: number; failedChecks?: number; iterations?: number },
    revision: string,
    trackedConfigs?: Record<string, string>,
  ): void {
    this.status.phase = next.phase;
    this.status.canaryWeight = next.canaryWeight ?? 0;
    this.status.failedChecks = next.failedChecks ?? 0;
    this.status.iterations = next.iterations ?? 0;
    this.status.lastAppliedSpec = revision;
    if (next.phase === 'Initialized') this.status.lastPromotedSpec = revision;
    if (trackedConfigs !== undefined) this.status.trackedConfigs = trackedConfigs;
    // A new run starts with no results: the previous run's checks would explain nothing about this one.
    if (next.phase === 'Progressing') delete this.status.checks;
    this.status.conditions = nextConditions(this.status.conditions, next.phase, this.kind, this.now);
  }

  /** SetStatusWeight. */
  setWeight(weight: number): void {
    this.status.canaryWeight = weight;
  }

  /** SetStatusFailedChecks. */
  setFailedChecks(count: number): void {
    this.status.failedChecks = count;
  }

  /** SetStatusIterations. */
  setIterations(count: number): void {
    this.status.iterations = count;
  }

  /** The fields a router keeps (session-affinity cookies), as setRoutes answered them: absent ones are cleared. */
  setRouteStatus(update: RouteStatus | undefined): void {
    if (!update) return;
    for (const field of RouteStatusFields) {
      const value = update[field];
      if (value === undefined) delete this.status[field];
      else this.status[field] = value;
    }
  }

  /** Weir's explanation of the last decision (`status.message`). */
  setMessage(message: string): void {
    this.status.message = message;
  }

  /** The last result of every metric (`status.checks`). */
  setChecks(checks: NonNullable<CanaryStatus['checks']>): void {
    this.status.checks = checks;
  }

  /** Whether anything but the transition time differs from what is stored. */
  changed(): boolean {
    const { lastTransitionTime: _a, ...before } = this.original;
    const { lastTransitionTime: _b, ...after } = this.status;
    return !jsonEqual(normalise(before), normalise(after));
  }

  /**
   * The status to write. `lastTransitionTime` moves only when a field Flagger has changed — not for Weir's
   * explanations (`message`, `checks`) — so it keeps Flagger's meaning: when the run last moved.
   */
  result(): CanaryStatus {
    if (!this.changed()) return this.original;
    const { lastTransitionTime: _a, message: _m1, checks: _c1, ...before } = this.original;
    const { lastTransitionTime: _b, message: _m2, checks: _c2, ...after } = this.status;
    const moved = !jsonEqual(normalise(before), normalise(after));
    const lastTransitionTime = moved ? this.now : this.original.lastTransitionTime;
    return { ...this.status, ...(lastTransitionTime ? { lastTransitionTime } : {}) };
  }

  /** When the run last moved (Flagger's `lastTransitionTime`), as stored. */
  get lastMoved(): Date | undefined {
    const text = this.original.lastTransitionTime;
    return text ? new Date(text) : undefined;
  }
}

/** Key order and absent-vs-undefined must not count as changes. */
function normalise(status: object): unknown {
  return Object.fromEntries(
    Object.entries(status)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
