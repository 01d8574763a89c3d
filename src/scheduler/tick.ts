import type { Canary, CanaryPhase, CanaryWebhook, WebhookType } from '../apis/index.js';
import type { Severity } from '../events/canary-events.js';
import { isConflict } from '../kube/kube-errors.js';
import { dotted, refOf } from '../kube/kube-object.js';
import type { NotifierField } from '../notifiers/notifier.js';
import type { MeshRouter, RouteWeights } from '../routers/mesh-router.js';
import type { HookResult } from '../webhooks/webhook-runner.js';
import type { SchedulerDeps } from './scheduler-deps.js';
import { StatusDraft } from './status-draft.js';

/** The outcome of running the hooks of one type in spec order. */
export interface GateResult {
  /** Names of the hooks that answered 2xx, in order. */
  passed: string[];
  /** The first hook that did not (the rest were not called). */
  failed?: HookResult;
}

/**
 * One tick of one canary: the canary as the cache had it when the tick began, the status being built,
 * and the helpers every step uses (events worded with Flagger's identities, webhooks, the single status
 * write at the end).
 */
export class Tick {
  readonly draft: StatusDraft;
  /** `podinfo.test`: the canary's identity in messages. */
  readonly id: string;
  /** `podinfo.test` of the target workload (`<targetRef.name>.<namespace>`). */
  readonly targetId: string;
  /** `podinfo-primary.test`. */
  readonly primaryId: string;
  /** Explanation kept in the status: what this tick decided. */
  message: string | undefined;

  constructor(
    readonly canary: Canary,
    readonly deps: SchedulerDeps,
  ) {
    this.draft = new StatusDraft(canary, deps.clock.now());
    this.id = dotted(canary.metadata);
    const ns = canary.metadata.namespace ?? '';
    this.targetId = dotted({ name: canary.spec.targetRef.name, namespace: ns });
    this.primaryId = dotted({ name: `${canary.spec.targetRef.name}-primary`, namespace: ns });
  }

  /** A Normal event (log + Kubernetes Event + event webhooks), carrying the phase as it is at this point. */
  normal(message: string): void {
    this.deps.events.normal(this.current(), message);
  }

  /**
   * A Warning event; it also becomes the status message, so `kubectl get -o yaml` says why the run halts.
   * `phase` stands for the phase the event reports when Flagger emits it on a copy already moved on
   * (`Canary failed!` carries `Failed`).
   */
  warning(message: string, level: 'warn' | 'error' = 'warn', phase?: CanaryPhase): void {
    this.deps.events.warning(this.current(phase), message, level);
    this.message = message;
  }

  /** An alert to the canary's notifiers; `extra` fields follow Flagger's. */
  alert(message: string, severity: Severity, withMetadata = false, extra?: readonly NotifierField[]): void {
    this.deps.events.alert(this.current(), message, severity, withMetadata, extra);
  }

  /** The canary with the draft status (its phase replaced by `phase`), for calls that read the status. */
  current(phase?: CanaryPhase): Canary {
    const status = phase === undefined ? this.draft.status : { ...this.draft.status, phase };
    return { ...this.canary, status };
  }

  /**
   * Routes `weights` through `router` with the canary as the draft has it, keeping what the router answers
   * for the status (session-affinity cookies) in the draft: written in this tick's single status write.
   */
  async setRoutes(router: MeshRouter, weights: RouteWeights): Promise<void> {
    this.draft.setRouteStatus(await router.setRoutes(this.current(), weights));
  }

  /** Hooks of the given types, in spec order (type `""` is `rollout`). */
  hooksOf(...types: WebhookType[]): CanaryWebhook[] {
    return (this.canary.spec.analysis?.webhooks ?? []).filter((hook) => types.includes(hook.type ?? ''));
  }

  /** Calls hooks in order until one fails. */
  async gate(hooks: CanaryWebhook[], phase: string): Promise<GateResult> {
    const passed: string[] = [];
    for (const hook of hooks) {
      const result = await this.deps.webhooks.call(this.current(), hook, phase);
      if (!result.ok) return { passed, failed: result };
      passed.push(hook.name);
    }
    return { passed };
  }

  /** Writes the status once, if anything changed; retries on conflicts with a fresh copy of the object. */
  async writeStatus(): Promise<void> {
    const draft = this.draft;
    if (this.message !== undefined) draft.setMessage(this.message);
    if (!draft.changed()) return;
    const status = draft.result();
    let base: Canary | undefined = this.canary;
    for (let attempt = 0; attempt < 5 && base; attempt++) {
      try {
        await this.deps.client.replaceStatus({ ...base, status });
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
        base = await this.deps.client.get<Canary>(refOf(this.canary));
      }
    }
  }
}
