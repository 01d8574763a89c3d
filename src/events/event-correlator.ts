import { type Clock, rfc3339 } from '../platform/clock.js';
import type { CoreEvent, EventNamer } from './core-event.js';
import { LruMap } from './lru-map.js';

/** The write an event turns into: a new Event, or a patch of the one already recorded. */
export interface Correlation {
  /** The Event as it should be stored (name, count and timestamps settled). */
  event: CoreEvent;
  /** Identifies the recorded Event this one counts towards (for {@link EventCorrelator.nameOf}). */
  key: string;
  /** Set when an identical event was recorded before: the fields to patch on it. */
  patch?: { count: number; lastTimestamp: string; message: string };
}

/** client-go's correlator settings (defaults: 4096 cache entries, 10 similar events in 10 minutes). */
export interface EventCorrelatorOptions {
  /** Decides the similar-events window and the names of combined Events. */
  clock: Clock;
  /** Names combined Events. */
  namer: EventNamer;
  /** Entries kept per cache (4096). */
  cacheSize?: number;
  /** Distinct messages after which similar events are combined (10). */
  maxSimilarEvents?: number;
  /** Quiet time after which similar events are counted afresh (10 minutes). */
  similarWindowMs?: number;
}

interface Observation {
  count: number;
  firstTimestamp: string;
  name: string;
}

interface SimilarRecord {
  messages: Set<string>;
  lastMs: number;
}

const combinedPrefix = '(combined from similar events): ';

function objectKey(event: CoreEvent): string[] {
  const o = event.involvedObject;
  return [event.source.component, event.source.host ?? '', o.kind, o.namespace ?? '', o.name];
}

/** Same source, object, type, reason and message: repeats of one event (client-go's `getEventKey`). */
function eventKey(event: CoreEvent): string {
  const o = event.involvedObject;
  return [
    ...objectKey(event),
    o.fieldPath ?? '',
    o.uid ?? '',
    o.apiVersion,
    event.type,
    event.reason,
    event.message,
  ].join('\u0000');
}

/** Same as {@link eventKey} but any message: similar events (client-go's `EventAggregatorByReasonFunc`). */
function similarKey(event: CoreEvent): string {
  const o = event.involvedObject;
  return [
    ...objectKey(event),
    o.uid ?? '',
    o.apiVersion,
    event.type,
    event.reason,
    event.reportingComponent ?? '',
  ].join('\u0000');
}

/**
 * client-go's EventCorrelator, minus its spam filter: a repeat of an identical event becomes a patch of
 * `count`, `lastTimestamp` (and `message`) on the Event already recorded; once 10 different messages of the
 * same object/type/reason arrive within 10 minutes of each other, further new messages are folded into one
 * Event `(combined from similar events): <latest message>` that is patched as they come.
 */
export class EventCorrelator {
  private readonly observations: LruMap<string, Observation>;
  private readonly similar: LruMap<string, SimilarRecord>;
  private readonly maxSimilar: number;
  private readonly windowMs: number;

  constructor(private readonly options: EventCorrelatorOptions) {
    this.observations = new LruMap(options.cacheSize ?? 4096);
    this.similar = new LruMap(options.cacheSize ?? 4096);
    this.maxSimilar = options.maxSimilarEvents ?? 10;
    this.windowMs = options.similarWindowMs ?? 600_000;
  }

  /** Settles how `event` (a fresh Event with count 1) is written, and remembers it for the next ones. */
  correlate(event: CoreEvent): Correlation {
    const { event: candidate, key } = this.aggregate(event);
    const last = this.observations.get(key);
    if (!last) {
      this.observations.set(key, {
        count: candidate.count,
        firstTimestamp: candidate.firstTimestamp,
        name: candidate.metadata.name,
      });
      return { event: candidate, key };
    }
    const count = last.count + 1;
    this.observations.set(key, { ...last, count });
    const settled: CoreEvent = {
      ...candidate,
      metadata: { ...candidate.metadata, name: last.name },
      firstTimestamp: last.firstTimestamp,
      count,
    };
    return {
      event: settled,
      key,
      patch: { count, lastTimestamp: settled.lastTimestamp, message: settled.message },
    };
  }

  /** The name the Event for `key` was (last) stored under. */
  nameOf(key: string): string | undefined {
    return this.observations.get(key)?.name;
  }

  /** Records that the Event for `key` had to be stored under another name (its first choice was taken). */
  rename(key: string, name: string): void {
    const last = this.observations.get(key);
    if (last) this.observations.set(key, { ...last, name });
  }

  private aggregate(event: CoreEvent): { event: CoreEvent; key: string } {
    const now = this.options.clock.now();
    const key = similarKey(event);
    let record = this.similar.get(key);
    if (!record || now.getTime() - record.lastMs > this.windowMs) record = { messages: new Set(), lastMs: 0 };
    record.messages.add(event.message);
    record.lastMs = now.getTime();
    this.similar.set(key, record);
    if (record.messages.size < this.maxSimilar) return { event, key: eventKey(event) };
    // client-go drops an arbitrary message to stay under the limit; the oldest is the deterministic choice.
    const oldest = record.messages.values().next();
    if (!oldest.done) record.messages.delete(oldest.value);
    const stamp = rfc3339(now);
    const combined: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: this.options.namer.name(event.involvedObject.name, now),
        ...(event.metadata.namespace ? { namespace: event.metadata.namespace } : {}),
      },
      involvedObject: event.involvedObject,
      reason: event.reason,
      message: `${combinedPrefix}${event.message}`,
      source: event.source,
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
      type: event.type,
    };
    return { event: combined, key };
  }
}
