import type { KubeObject } from '../model/object.js';
import type { VersionCodec } from '../resources/resource-type.js';

// events.k8s.io/v1 field → core/v1 field. Both APIs read and write the same stored events.
const renames: readonly (readonly [string, string])[] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
  ['reportingController', 'reportingComponent'],
];

function rename(object: KubeObject, from: 0 | 1, apiVersion: string): KubeObject {
  const to = from === 0 ? 1 : 0;
  const out: KubeObject = { ...object, apiVersion, kind: 'Event' };
  for (const pair of renames) {
    const source = pair[from];
    if (source in out) {
      out[pair[to]] = out[source];
      delete out[source];
    }
  }
  return out;
}

/** core/v1 events are the stored form. */
export const coreEventCodec: VersionCodec = {
  toServed: (stored) => ({ ...stored, apiVersion: 'v1', kind: 'Event' }),
  toStored: (served) => ({ ...served, apiVersion: 'v1', kind: 'Event' }),
};

/** events.k8s.io/v1 reads and writes the stored core/v1 events with the renamed fields. */
export const eventsV1Codec: VersionCodec = {
  toServed: (stored) => rename(stored, 1, 'events.k8s.io/v1'),
  toStored: (served) => rename(served, 0, 'v1'),
};
