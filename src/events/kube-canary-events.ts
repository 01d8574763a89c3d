import type { Canary } from '../apis/index.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import type { KubeClient } from '../kube/kube-client.js';
import { dotted, keyOf } from '../kube/kube-object.js';
import { NopNotifier, type Notifier, type NotifierField } from '../notifiers/notifier.js';
import { createNotifier, type NotifierFactory } from '../notifiers/notifier-factory.js';
import type { Clock } from '../platform/clock.js';
import type { LogFields, Logger } from '../platform/logger.js';
import type { WebhookRunner } from '../webhooks/webhook-runner.js';
import { alertFields } from './alert-fields.js';
import { AlertRouter } from './alert-router.js';
import type { CanaryEvents, EventType, Severity } from './canary-events.js';
import { DeliveryQueue } from './delivery-queue.js';
import { eventHooks, withEventMetadata } from './event-webhooks.js';
import { KubeEventRecorder } from './kube-event-recorder.js';

/** What {@link KubeCanaryEvents} is built from (all made in `src/main`). */
export interface KubeCanaryEventsOptions {
  /** Writes the Kubernetes Events; reads Secrets the cache lacks. */
  kube: KubeClient;
  /** Cached AlertProviders. */
  cluster: ClusterReader;
  logger: Logger;
  clock: Clock;
  /** Calls `event` webhooks. */
  webhooks: WebhookRunner;
  /** Notifier for canaries without `analysis.alerts` (from `-slack-url` / `-msteams-url`); none by default. */
  globalNotifier?: Notifier;
  /** `-event-webhook`: where events of canaries without `event` webhooks are POSTed. */
  eventWebhook?: string;
  /** `-cluster-name`, added to alerts as the `Cluster` field. */
  clusterName?: string;
  /** `-no-cross-namespace-refs`. */
  noCrossNamespaceRefs?: boolean;
  /** Builds AlertProvider notifiers; {@link createNotifier} by default. */
  createNotifier?: NotifierFactory;
}

const reason = 'Synced';

/**
 * The events funnel of the operator. Each event is logged at once (JSON line, `msg` = the text, fields
 * `canary: name.namespace` and `namespace`); its Kubernetes Event, webhook POSTs and alerts are delivered in
 * the background, in order per canary, so a slow receiver never holds a tick. `flush()` waits for them.
 */
export class KubeCanaryEvents implements CanaryEvents {
  private readonly recorder: KubeEventRecorder;
  private readonly alerts: AlertRouter;
  private readonly queue: DeliveryQueue;

  constructor(private readonly options: KubeCanaryEventsOptions) {
    this.recorder = new KubeEventRecorder({
      kube: options.kube,
      clock: options.clock,
      logger: options.logger,
    });
    this.alerts = new AlertRouter({
      cluster: options.cluster,
      kube: options.kube,
      logger: options.logger,
      globalNotifier: options.globalNotifier ?? new NopNotifier(),
      createNotifier: options.createNotifier ?? createNotifier,
      ...(options.noCrossNamespaceRefs ? { noCrossNamespaceRefs: true } : {}),
    });
    this.queue = new DeliveryQueue((error, lane) =>
      options.logger.error(
        `event delivery failed: ${error instanceof Error ? error.message : String(error)}`,
        {
          lane,
        },
      ),
    );
  }

  normal(canary: Canary, message: string): void {
    this.options.logger.info(message, logFields(canary));
    this.emit(canary, 'Normal', message);
  }

  warning(canary: Canary, message: string, level: 'warn' | 'error' = 'warn'): void {
    this.options.logger[level](message, logFields(canary));
    this.emit(canary, 'Warning', message);
  }

  alert(
    canary: Canary,
    message: string,
    severity: Severity,
    withMetadata: boolean,
    extra: readonly NotifierField[] = [],
  ): void {
    const snapshot = structuredClone(canary);
    const fields = [
      ...alertFields(snapshot, {
        withMetadata,
        ...(this.options.clusterName ? { clusterName: this.options.clusterName } : {}),
      }),
      ...extra.map((field) => ({ ...field })),
    ];
    this.queue.enqueue(`${keyOf(canary.metadata)} alerts`, () =>
      this.alerts.send(snapshot, message, severity, fields),
    );
  }

  flush(): Promise<void> {
    return this.queue.flush();
  }

  private emit(canary: Canary, type: EventType, message: string): void {
    const key = keyOf(canary.metadata);
    this.queue.enqueue(`${key} kube`, this.recorder.record(canary, type, reason, message));
    const hooks = eventHooks(canary, this.options.eventWebhook);
    if (hooks.length === 0) return;
    // The payload describes the canary as it was when the event happened, like Flagger's synchronous call.
    const snapshot = structuredClone(canary);
    const event = { message, type, timestampMs: this.options.clock.now().getTime() };
    this.queue.enqueue(`${key} webhooks`, async () => {
      for (const hook of hooks) {
        const result = await this.options.webhooks.call(
          snapshot,
          withEventMetadata(hook, event),
          snapshot.status?.phase ?? '',
        );
        if (!result.ok) {
          this.options.logger.error(`error sending event to webhook: ${result.message}`, logFields(snapshot));
        }
      }
    });
  }
}

function logFields(canary: Canary): LogFields {
  return { canary: dotted(canary.metadata), namespace: canary.metadata.namespace };
}
