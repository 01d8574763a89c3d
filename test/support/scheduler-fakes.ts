import type { Canary, CanaryStatus, CanaryWebhook } from '../../src/apis/index.js';
import type { KubeClient } from '../../src/kube/kube-client.js';
import type { KubeObject } from '../../src/kube/kube-object.js';
import type { AnalysisOutcome } from '../../src/metrics/analysis-outcome.js';
import { ManualClock } from '../../src/platform/clock.js';
import { MemoryLogger } from '../../src/platform/logger.js';
import type { RouteWeights } from '../../src/routers/mesh-router.js';
import type { SchedulerDeps } from '../../src/scheduler/scheduler-deps.js';
import type { Readiness, WorkloadTarget } from '../../src/targets/workload-target.js';
import type { HookResult } from '../../src/webhooks/webhook-runner.js';

/** An event the fake funnel received, with the phase the canary it was given had. */
export interface FakeEvent {
  type: 'Normal' | 'Warning';
  phase: string;
  message: string;
}

/**
 * In-memory stand-ins for everything a tick touches, for unit tests of scheduler decisions: a router
 * holding weights, a target holding readiness, replicas and a revision, hooks answered per type, a
 * fixed metric outcome, and a client that stores the status written. Scenario tests
 * (`test/scenarios/`) run the real parts against the local API server instead.
 */
export class FakeCluster {
  readonly clock = new ManualClock('2026-06-01T10:00:00Z');
  readonly logger = new MemoryLogger();
  readonly events: FakeEvent[] = [];
  weights: RouteWeights = { primary: 100, canary: 0, mirrored: false };
  canaryReady: Readiness = { ready: true };
  primaryReady: Readiness = { ready: true };
  revision = 'rev-2';
  replicas = 1;
  promotions = 0;
  /** The status of every replaceStatus call. */
  readonly statusWrites: CanaryStatus[] = [];
  /** Hook answers by type (2xx when absent). */
  readonly hookAnswers = new Map<string, HookResult>();
  /** Calls made per hook type, with the phase sent. */
  readonly hookCalls: { type: string; phase: string }[] = [];
  analysis: AnalysisOutcome = { passed: true, results: [], checkedAt: '2026-06-01T10:00:00Z' };
  /** When set, the router's setRoutes and the target's scaling throw it. */
  failWrites: Error | undefined;

  /** The deps a tick gets. */
  deps(): SchedulerDeps {
    const target: WorkloadTarget = {
      metadata: () => ({ label: 'app', value: 'podinfo', ports: {} }),
      initialize: async () => ({ ready: true }),
      isPrimaryReady: () => this.primaryReady,
      isCanaryReady: () => this.canaryReady,
      revision: () => this.revision,
      trackedConfigs: () => undefined,
      configRefs: () => [],
      promote: async () => {
        this.promotions++;
      },
      scaleToZero: async () => {
        if (this.failWrites) throw this.failWrites;
        this.replicas = 0;
      },
      scaleFromZero: async () => {
        if (this.failWrites) throw this.failWrites;
        this.replicas = 1;
      },
      finalize: async () => {
        this.replicas = 1;
      },
    };
    const statusWrites = this.statusWrites;
    const client = {
      async replaceStatus<T extends KubeObject>(object: T): Promise<T> {
        statusWrites.push(structuredClone((object as unknown as Canary).status ?? {}));
        return object;
      },
    } as unknown as KubeClient;
    const record = (type: FakeEvent['type']) => (canary: Canary, message: string) =>
      this.events.push({ type, phase: canary.status?.phase ?? '', message });
    const nop = () => {};
    return {
      client,
      cache: { get: () => undefined, list: () => [] },
      clock: this.clock,
      logger: this.logger,
      events: { normal: record('Normal'), warning: record('Warning'), alert: nop, flush: async () => {} },
      webhooks: {
        call: async (_canary: Canary, hook: CanaryWebhook, phase: string) => {
          this.hookCalls.push({ type: hook.type ?? '', phase });
          return this.hookAnswers.get(hook.type ?? '') ?? { name: hook.name, ok: true, message: '' };
        },
      },
      checks: {
        availability: async () => ({ ok: true, message: 'all the metrics providers are available!' }),
        run: async () => this.analysis,
      },
      metrics: { status: nop, weights: nop, analysisDuration: nop, outcome: nop },
      target: () => target,
      scaler: () => undefined,
      services: { initialize: async () => {}, reconcile: async () => {}, finalize: async () => {} },
      router: () => ({
        reconcile: async () => {},
        setRoutes: async (_canary: Canary, weights: RouteWeights) => {
          if (this.failWrites) throw this.failWrites;
          this.weights = { ...weights };
          return undefined;
        },
        getRoutes: async () => ({ ...this.weights }),
        finalize: async () => {},
      }),
      meshProvider: 'istio',
    };
  }

  /** The status last written (what the next tick starts from). */
  lastStatus(): CanaryStatus | undefined {
    return this.statusWrites.at(-1);
  }
}

/** A podinfo canary in `test` with the given status and analysis (stepWeight 10, maxWeight 50, threshold 5 by default). */
export function fakeCanary(
  status: CanaryStatus,
  analysis: Partial<NonNullable<Canary['spec']['analysis']>> = {},
): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test', resourceVersion: '1' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service: { port: 9898 },
      analysis: { interval: '1m', threshold: 5, maxWeight: 50, stepWeight: 10, ...analysis },
    },
    status,
  };
}
