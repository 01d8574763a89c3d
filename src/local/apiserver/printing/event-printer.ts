import type { KubeObject } from '../model/object.js';
import { isTimestampSet, translateTimestampSince } from './age.js';
import { DESC } from './descriptions.js';
import { at, int, str } from './fields.js';
import { column, NAME_COLUMN, nameOf, type TablePrinter } from './table-printer.js';

/**
 * The field of an Event under its core/v1 name, else its events.k8s.io/v1 name: both versions print through
 * the same internal printer on the real server.
 */
function pick(obj: KubeObject, coreField: string, eventsField: string): unknown {
  return obj[coreField] !== undefined ? obj[coreField] : obj[eventsField];
}

function firstNonEmpty(...values: string[]): string {
  return values.find((v) => v !== '') ?? '';
}

/** `formatEventSource`: component (or reporting controller), then `, host` (or reporting instance) if set. */
function eventSource(obj: KubeObject): string {
  const source = pick(obj, 'source', 'deprecatedSource');
  const component = firstNonEmpty(
    str(source, 'component'),
    str(pick(obj, 'reportingComponent', 'reportingController')),
  );
  const instance = firstNonEmpty(str(source, 'host'), str(obj, 'reportingInstance'));
  return instance === '' ? component : `${component}, ${instance}`;
}

function eventTarget(obj: KubeObject): string {
  const involved = pick(obj, 'involvedObject', 'regarding');
  const kind = str(involved, 'kind').toLowerCase();
  const name = str(involved, 'name');
  return name === '' ? kind : `${kind}/${name}`;
}

/** LAST SEEN, FIRST SEEN and COUNT, falling back to `eventTime` and `series` like `printEvent`. */
function eventTimes(obj: KubeObject, now: Date): { last: string; first: string; count: number } {
  const firstTimestamp = pick(obj, 'firstTimestamp', 'deprecatedFirstTimestamp');
  const lastTimestamp = pick(obj, 'lastTimestamp', 'deprecatedLastTimestamp');
  const first = isTimestampSet(firstTimestamp)
    ? translateTimestampSince(firstTimestamp, now)
    : translateTimestampSince(obj.eventTime, now);
  let last = isTimestampSet(lastTimestamp) ? translateTimestampSince(lastTimestamp, now) : first;
  let count = int(pick(obj, 'count', 'deprecatedCount'));
  const series = at(obj, 'series');
  if (series !== undefined && series !== null) {
    last = translateTimestampSince(at(series, 'lastObservedTime'), now);
    count = int(series, 'count');
  } else if (count === 0) {
    // Singleton events don't have a count set in the new API.
    count = 1;
  }
  return { last, first, count };
}

/**
 * core/v1 and events.k8s.io/v1 Event: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN
 * COUNT NAME (the real server puts NAME last, as a wide column).
 */
export const eventPrinter: TablePrinter = {
  columns: [
    column('Last Seen', 'string', DESC.evLastTimestamp),
    column('Type', 'string', DESC.evType),
    column('Reason', 'string', DESC.evReason),
    column('Object', 'string', DESC.evInvolvedObject),
    column('Subobject', 'string', DESC.evFieldPath, 1),
    column('Source', 'string', DESC.evSource, 1),
    column('Message', 'string', DESC.evMessage),
    column('First Seen', 'string', DESC.evFirstTimestamp, 1),
    column('Count', 'string', DESC.evCount, 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells: (obj, now) => {
    const times = eventTimes(obj, now);
    return [
      times.last,
      str(obj, 'type'),
      str(obj, 'reason'),
      eventTarget(obj),
      str(pick(obj, 'involvedObject', 'regarding'), 'fieldPath'),
      eventSource(obj),
      str(pick(obj, 'message', 'note')).trim(),
      times.first,
      times.count,
      nameOf(obj),
    ];
  },
};
