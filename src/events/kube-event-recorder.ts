import type { KubeClient } from '../kube/kube-client.js';
import { PatchKind } from '../kube/kube-client.js';
import { isAlreadyExists, isNotFound } from '../kube/kube-errors.js';
import type { KubeObject } from '../kube/kube-object.js';
import { type Clock, rfc3339 } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { EventType } from './canary-events.js';
import { type CoreEvent, EventNamer, referenceTo } from './core-event.js';
import { type Correlation, EventCorrelator } from './event-correlator.js';

/** What {@link KubeEventRecorder} needs. */
export interface KubeEventRecorderOptions {
  kube: KubeClient;
  clock: Clock;
  logger: Logger;
  /** `source.component` and `reportingComponent` of the Events (`flagger`, so dashboards filter the same). */
  component?: string;
}

const eventType = { apiVersion: 'v1', kind: 'Event' } as const;

/**
 * Records core/v1 Events about objects as client-go's EventRecorder does: reason, type and message, the
 * object's full reference, `source.component`, timestamps from the clock, `count`, repeats folded by the
 * {@link EventCorrelator}. Recording is split in two so callers can order writes: {@link record} settles the
 * Event at once, the returned function writes it.
 */
export class KubeEventRecorder {
  private readonly namer = new EventNamer();
  private readonly correlator: EventCorrelator;
  private readonly component: string;

  constructor(private readonly options: KubeEventRecorderOptions) {
    this.correlator = new EventCorrelator({ clock: options.clock, namer: this.namer });
    this.component = options.component ?? 'flagger';
  }

  /** Settles the Event for `message` about `object` now; the returned write never rejects (failures are logged). */
  record(object: KubeObject, type: EventType, reason: string, message: string): () => Promise<void> {
    const now = this.options.clock.now();
    const stamp = rfc3339(now);
    const fresh: CoreEvent = {
      ...eventType,
      metadata: {
        name: this.namer.name(object.metadata.name, now),
        namespace: object.metadata.namespace || 'default',
      },
      involvedObject: referenceTo(object),
      reason,
      message,
      source: { component: this.component },
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
      type,
      reportingComponent: this.component,
    };
    const correlation = this.correlator.correlate(fresh);
    return () => this.write(object.metadata.name, correlation);
  }

  private async write(objectName: string, { event, key, patch }: Correlation): Promise<void> {
    // Writes of one object run in order, so an earlier create (and any rename) has happened by now.
    const name = this.correlator.nameOf(key) ?? event.metadata.name;
    const namespace = event.metadata.namespace ?? 'default';
    try {
      if (patch) {
        try {
          await this.options.kube.patch({ ...eventType, namespace, name }, patch, PatchKind.Strategic);
          return;
        } catch (error) {
          // The Event expired (1 h TTL) or was never written: record it afresh, count included.
          if (!isNotFound(error)) throw error;
        }
      }
      await this.create({ ...event, metadata: { ...event.metadata, name } }, key, objectName);
    } catch (error) {
      this.options.logger.error(
        `Unable to write event: ${error instanceof Error ? error.message : String(error)}`,
        {
          event: event.metadata.name,
          namespace: event.metadata.namespace,
          message: event.message,
        },
      );
    }
  }

  /** Creates the Event; a name taken (another recorder with the same clock) moves it to a fresh one. */
  private async create(event: CoreEvent, key: string, objectName: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.kube.create(event);
        return;
      } catch (error) {
        if (!isAlreadyExists(error) || attempt >= 5) throw error;
        const name = this.namer.name(objectName, this.options.clock.now());
        this.correlator.rename(key, name);
        event = { ...event, metadata: { ...event.metadata, name } };
      }
    }
  }
}
