/**
 * The protobuf messages of the built-in kinds Go clients write with `application/vnd.kubernetes.protobuf`
 * (client-go's typed clients; helm stores releases as Secrets or ConfigMaps that way), with the field
 * numbers of k8s.io/api and k8s.io/apimachinery's generated.proto and the JSON presence rules of the Go
 * types they mirror.
 */

/** What a field's value is on the wire, and how it becomes JSON. */
export type FieldType =
  | 'string'
  | 'bytes'
  | 'int'
  | 'bool'
  /** metav1.Time: RFC 3339 in seconds; the zero time is `null`. */
  | 'time'
  /** metav1.MicroTime: RFC 3339 with microseconds; the zero time is `null`. */
  | 'microTime'
  /** metav1.FieldsV1: raw JSON bytes, inlined as JSON. */
  | 'fieldsV1'
  | { map: 'string' | 'bytes' }
  | { message: MessageSpec };

/**
 * How a field appears in the JSON of its Go struct: `omitempty` fields vanish when zero, `pointer` fields
 * appear exactly when they were on the wire, `always` fields appear even when zero.
 */
export type Presence = 'omitempty' | 'pointer' | 'always';

/** One field of a message. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: true;
  presence: Presence;
}

/** A message: its fields by number. */
export type MessageSpec = Readonly<Record<number, FieldSpec>>;

const field = (name: string, type: FieldType, presence: Presence = 'omitempty'): FieldSpec => ({
  name,
  type,
  presence,
});
const list = (name: string, type: FieldType): FieldSpec => ({
  name,
  type,
  repeated: true,
  presence: 'omitempty',
});

const ownerReference: MessageSpec = {
  1: field('kind', 'string', 'always'),
  3: field('name', 'string', 'always'),
  4: field('uid', 'string', 'always'),
  5: field('apiVersion', 'string', 'always'),
  6: field('controller', 'bool', 'pointer'),
  7: field('blockOwnerDeletion', 'bool', 'pointer'),
};

const managedFieldsEntry: MessageSpec = {
  1: field('manager', 'string'),
  2: field('operation', 'string'),
  3: field('apiVersion', 'string'),
  4: field('time', 'time', 'pointer'),
  6: field('fieldsType', 'string'),
  7: field('fieldsV1', 'fieldsV1', 'pointer'),
  8: field('subresource', 'string'),
};

/** k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta */
export const objectMeta: MessageSpec = {
  1: field('name', 'string'),
  2: field('generateName', 'string'),
  3: field('namespace', 'string'),
  4: field('selfLink', 'string'),
  5: field('uid', 'string'),
  6: field('resourceVersion', 'string'),
  7: field('generation', 'int'),
  8: field('creationTimestamp', 'time', 'always'),
  9: field('deletionTimestamp', 'time', 'pointer'),
  10: field('deletionGracePeriodSeconds', 'int', 'pointer'),
  11: field('labels', { map: 'string' }),
  12: field('annotations', { map: 'string' }),
  13: list('ownerReferences', { message: ownerReference }),
  14: list('finalizers', 'string'),
  17: list('managedFields', { message: managedFieldsEntry }),
};

const metadata = field('metadata', { message: objectMeta }, 'always');

const objectReference: MessageSpec = {
  1: field('kind', 'string'),
  2: field('namespace', 'string'),
  3: field('name', 'string'),
  4: field('uid', 'string'),
  5: field('apiVersion', 'string'),
  6: field('resourceVersion', 'string'),
  7: field('fieldPath', 'string'),
};

const namespaceCondition: MessageSpec = {
  1: field('type', 'string', 'always'),
  2: field('status', 'string', 'always'),
  4: field('lastTransitionTime', 'time', 'always'),
  5: field('reason', 'string'),
  6: field('message', 'string'),
};

const preconditions: MessageSpec = {
  1: field('uid', 'string', 'pointer'),
  2: field('resourceVersion', 'string', 'pointer'),
};

/** The messages the server decodes, by kind. */
export const protobufKinds: Readonly<Record<string, MessageSpec>> = {
  Secret: {
    1: metadata,
    2: field('data', { map: 'bytes' }),
    3: field('type', 'string'),
    4: field('stringData', { map: 'string' }),
    5: field('immutable', 'bool', 'pointer'),
  },
  ConfigMap: {
    1: metadata,
    2: field('data', { map: 'string' }),
    3: field('binaryData', { map: 'bytes' }),
    4: field('immutable', 'bool', 'pointer'),
  },
  Namespace: {
    1: metadata,
    2: field('spec', { message: { 1: list('finalizers', 'string') } }, 'always'),
    3: field(
      'status',
      { message: { 1: field('phase', 'string'), 2: list('conditions', { message: namespaceCondition }) } },
      'always',
    ),
  },
  Event: {
    1: metadata,
    2: field('involvedObject', { message: objectReference }, 'always'),
    3: field('reason', 'string'),
    4: field('message', 'string'),
    5: field(
      'source',
      { message: { 1: field('component', 'string'), 2: field('host', 'string') } },
      'always',
    ),
    6: field('firstTimestamp', 'time', 'always'),
    7: field('lastTimestamp', 'time', 'always'),
    8: field('count', 'int'),
    9: field('type', 'string'),
    10: field('eventTime', 'microTime', 'always'),
    11: field(
      'series',
      { message: { 1: field('count', 'int'), 2: field('lastObservedTime', 'microTime', 'always') } },
      'pointer',
    ),
    12: field('action', 'string'),
    13: field('related', { message: objectReference }, 'pointer'),
    14: field('reportingComponent', 'string', 'always'),
    15: field('reportingInstance', 'string', 'always'),
  },
  DeleteOptions: {
    1: field('gracePeriodSeconds', 'int', 'pointer'),
    2: field('preconditions', { message: preconditions }, 'pointer'),
    3: field('orphanDependents', 'bool', 'pointer'),
    4: field('propagationPolicy', 'string', 'pointer'),
    5: list('dryRun', 'string'),
  },
};
