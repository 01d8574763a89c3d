import type { Probe } from '../../../kube/api/core-v1.js';
import type { Cancel, Timers } from '../timers.js';
import { type ProbeAction, type ProbeResult, runProbeAction } from './probe-action.js';

/** When and how often a probe runs, in (already scaled) milliseconds. */
export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/** The timing of a probe from its spec (Kubernetes' defaults), the initial delay and period times `scale`. */
export function probeTiming(probe: Probe, scale: number): ProbeTiming {
  return {
    initialDelayMs: (probe.initialDelaySeconds ?? 0) * 1000 * scale,
    periodMs: Math.max(1, (probe.periodSeconds ?? 10) * 1000 * scale),
    // Timeouts are not scaled: a loaded machine answers no faster in tests.
    timeoutMs: (probe.timeoutSeconds ?? 1) * 1000,
    successThreshold: Math.max(1, probe.successThreshold ?? 1),
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
  };
}

/** What a {@link Prober} runs and reports to. */
export interface ProberOptions {
  action: ProbeAction;
  timing: ProbeTiming;
  timers: Timers;
  /** The result before the first verdict (false for readiness, true for liveness). */
  initial: boolean;
  /** Told when the verdict flips, with the last attempt. */
  onChange(ok: boolean, result: ProbeResult): void;
}

/**
 * One probe of one container, as the kubelet's prober worker runs it: first after the initial delay, then
 * every period; the verdict flips after `successThreshold` successes or `failureThreshold` failures in a
 * row.
 */
export class Prober {
  private verdict: boolean;
  private successes = 0;
  private failures = 0;
  private cancel: Cancel | undefined;
  private stopped = false;

  constructor(private readonly options: ProberOptions) {
    this.verdict = options.initial;
  }

  /** The current verdict. */
  get ok(): boolean {
    return this.verdict;
  }

  /** Starts probing. */
  start(): void {
    this.schedule(this.options.timing.initialDelayMs);
  }

  /** Stops probing; no more reports. */
  stop(): void {
    this.stopped = true;
    this.cancel?.();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancel = this.options.timers.after(ms, () => void this.attempt());
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const { timing } = this.options;
    const result = await runProbeAction(this.options.action, timing.timeoutMs);
    if (this.stopped) return;
    if (result.ok) {
      this.failures = 0;
      this.successes++;
      if (!this.verdict && this.successes >= timing.successThreshold) this.flip(true, result);
    } else {
      this.successes = 0;
      this.failures++;
      if (this.verdict && this.failures >= timing.failureThreshold) this.flip(false, result);
    }
    this.schedule(timing.periodMs);
  }

  private flip(ok: boolean, result: ProbeResult): void {
    this.verdict = ok;
    this.options.onChange(ok, result);
  }
}
