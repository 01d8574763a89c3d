import type { Canary } from '../apis/index.js';

/** How a target's pods are selected and which ports they expose. */
export interface TargetMetadata {
  /** The selector label key found in the target (first of `-selector-labels` present), e.g. `app`. */
  label: string;
  /** Its value, e.g. `podinfo`; the primary's pods carry `<value>-primary`. */
  value: string;
  /** Container ports by name, when `service.portDiscovery` is on. */
  ports: Record<string, number>;
}

/** Whether a workload finished rolling out; not ready is a value, not an error. */
export type Readiness =
  | { ready: true }
  | {
      ready: false;
      /** False when waiting longer cannot help (progress deadline exceeded): roll back. */
      retriable: boolean;
      /** Flagger's wording, e.g. `podinfo-primary.test not ready: waiting for rollout to finish: 0 of 2 (readyThreshold 100%) updated replicas are available`. */
      message: string;
    };

/**
 * The workload under canary (Deployment, DaemonSet, Service), mirroring Flagger's canary controller
 * interface. Reads come from the cluster cache; writes are idempotent.
 */
export interface WorkloadTarget {
  /** Selector label, value and ports of the target; throws {@link TargetError} when they cannot be found. */
  metadata(canary: Canary): TargetMetadata;
  /** Creates `<target>-primary` when absent (a copy of the target); answers the primary's readiness when `checkPrimary`. */
  initialize(canary: Canary, options: { checkPrimary: boolean }): Promise<Readiness>;
  /** The primary's rollout state. */
  isPrimaryReady(canary: Canary): Readiness;
  /** The target's (canary's) rollout state. */
  isCanaryReady(canary: Canary): Readiness;
  /** Hash of what a revision is made of (pod template; tracked configs come later), for `lastAppliedSpec`. */
  revision(canary: Canary): string;
  /** Copies the target's template (and configs) to the primary; deterministic, so repeating it changes nothing. */
  promote(canary: Canary): Promise<void>;
  /** Scales the target to zero replicas. */
  scaleToZero(canary: Canary): Promise<void>;
  /** Scales the target back up (its own replicas, else the primary's, else 1). */
  scaleFromZero(canary: Canary): Promise<void>;
}

/** Why a target cannot be worked with. */
export const TargetErrorCodes = [
  'target-not-found',
  'no-selector-label',
  'unsupported-kind',
  'autoscaler-not-found',
] as const;
export type TargetErrorCode = (typeof TargetErrorCodes)[number];

/** A target that cannot be worked with (missing, no selector label, …); the message is Flagger's. */
export class TargetError extends Error {
  readonly code: TargetErrorCode;
  constructor(code: TargetError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TargetError';
    this.code = code;
  }
}
