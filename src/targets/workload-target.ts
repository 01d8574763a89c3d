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

/** A ConfigMap or Secret a target references. */
export interface ConfigRef {
  kind: 'ConfigMap' | 'Secret';
  name: string;
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
  /** Hash of what a revision is made of (pod template and tracked configs; a Service's spec), for `lastAppliedSpec`. */
  revision(canary: Canary): string;
  /** `status.trackedConfigs` (`configmap/<name>` → checksum); undefined when the target tracks none (Service, tracking off). */
  trackedConfigs(canary: Canary): Record<string, string> | undefined;
  /** The ConfigMaps and Secrets whose change may be a new revision (by kind and name, nothing read); empty when none are tracked. */
  configRefs(canary: Canary): ConfigRef[];
  /** Copies the target's template (and configs) to the primary; deterministic, so repeating it changes nothing. */
  promote(canary: Canary): Promise<void>;
  /** Scales the target to zero (a DaemonSet: the `flagger.app/scale-to-zero` nodeSelector; a Service: nothing). */
  scaleToZero(canary: Canary): Promise<void>;
  /** Scales the target back up (a Deployment: its own replicas, else the primary's, else 1). */
  scaleFromZero(canary: Canary): Promise<void>;
  /**
   * Hands the target back when its Canary is deleted with `revertOnDeletion` (Flagger's Finalize): resumes
   * a scaler paused by the canary and lets the target serve again (a Deployment gets the primary's replicas,
   * or scales up from zero without a primary); idempotent. The caller then waits for {@link isCanaryReady}.
   */
  finalize(canary: Canary): Promise<void>;
}

/** Why a target cannot be worked with. */
export const TargetErrorCodes = [
  'target-not-found',
  'no-selector-label',
  'unsupported-kind',
  'autoscaler-not-found',
  'config-not-found',
  'invalid-target',
] as const;
export type TargetErrorCode = (typeof TargetErrorCodes)[number];

/** A target that cannot be worked with (missing, no selector label, missing config, …); the message is Flagger's. */
export class TargetError extends Error {
  readonly code: TargetErrorCode;
  constructor(code: TargetError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TargetError';
    this.code = code;
  }
}
