import { describe, expect, it } from 'vitest';
import { ApiError } from '../../model/api-error.js';
import { decodeProtobufObject } from './decode.js';

// A minimal encoder, enough to write what gogo-protobuf writes for the fields under test.
type Field = [number, string | Uint8Array | bigint | number | boolean];

function varint(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return out;
}

function message(...fields: Field[]): Uint8Array {
  const out: number[] = [];
  for (const [number, value] of fields) {
    if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') {
      out.push(...varint(BigInt(number << 3)), ...varint(BigInt(value)));
      continue;
    }
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    out.push(...varint(BigInt((number << 3) | 2)), ...varint(BigInt(bytes.length)), ...bytes);
  }
  return Uint8Array.from(out);
}

function envelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const unknown = message([1, message([1, apiVersion], [2, kind])], [2, raw], [3, ''], [4, '']);
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...unknown]);
}

// ObjectMeta as gogo writes it for a new object: every non-pointer field, empty or not.
function newObjectMeta(name: string, ...extra: Field[]): Uint8Array {
  return message(
    [1, name],
    [2, ''],
    [3, ''],
    [4, ''],
    [5, ''],
    [6, ''],
    [7, 0],
    [8, new Uint8Array()],
    ...extra,
  );
}

describe('decodeProtobufObject', () => {
  it('decodes a Secret as helm writes its release, dropping empty non-pointer fields', () => {
    const meta = newObjectMeta(
      'sh.helm.release.v1.demo.v1',
      [11, message([1, 'owner'], [2, 'helm'])],
      [11, message([1, 'status'], [2, 'deployed'])],
    );
    const secret = message([1, meta], [2, message([1, 'release'], [2, 'H4sI'])], [3, 'helm.sh/release.v1']);
    expect(decodeProtobufObject(envelope('v1', 'Secret', secret))).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'sh.helm.release.v1.demo.v1',
        creationTimestamp: null,
        labels: { owner: 'helm', status: 'deployed' },
      },
      data: { release: Buffer.from('H4sI').toString('base64') },
      type: 'helm.sh/release.v1',
    });
  });

  it('keeps pointer fields that were sent, even when false, and converts times and owner references', () => {
    const owner = message([5, 'apps/v1'], [1, 'Deployment'], [3, 'web'], [4, 'u-1'], [6, true], [7, false]);
    const meta = message(
      [1, 'cm'],
      [3, 'test'],
      [7, 3],
      [8, message([1, 1_767_225_600])],
      [10, 0],
      [13, owner],
      [14, 'example.com/keep'],
    );
    const configMap = message([1, meta], [2, message([1, 'a'], [2, 'b'])], [4, false]);
    expect(decodeProtobufObject(envelope('v1', 'ConfigMap', configMap))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cm',
        namespace: 'test',
        generation: 3,
        creationTimestamp: '2026-01-01T00:00:00Z',
        deletionGracePeriodSeconds: 0,
        ownerReferences: [
          {
            kind: 'Deployment',
            name: 'web',
            uid: 'u-1',
            apiVersion: 'apps/v1',
            controller: true,
            blockOwnerDeletion: false,
          },
        ],
        finalizers: ['example.com/keep'],
      },
      data: { a: 'b' },
      immutable: false,
    });
  });

  it('decodes DeleteOptions, empty or with a propagation policy and preconditions', () => {
    expect(decodeProtobufObject(envelope('v1', 'DeleteOptions', new Uint8Array()))).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
    });
    const options = message([2, message([1, 'u-1'])], [4, 'Foreground'], [5, 'All']);
    expect(decodeProtobufObject(envelope('v1', 'DeleteOptions', options))).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      preconditions: { uid: 'u-1' },
      propagationPolicy: 'Foreground',
      dryRun: ['All'],
    });
  });

  it('decodes an Event with its always-present fields and a MicroTime', () => {
    const event = message(
      [1, newObjectMeta('web.1')],
      [2, message([1, 'Deployment'], [2, 'test'], [3, 'web'])],
      [3, 'ScalingReplicaSet'],
      [8, 1],
      [10, message([1, 1_767_225_600], [2, 123_456_000])],
    );
    expect(decodeProtobufObject(envelope('v1', 'Event', event))).toMatchObject({
      involvedObject: { kind: 'Deployment', namespace: 'test', name: 'web' },
      reason: 'ScalingReplicaSet',
      count: 1,
      source: {},
      firstTimestamp: null,
      eventTime: '2026-01-01T00:00:00.123456Z',
      reportingComponent: '',
      reportingInstance: '',
    });
  });

  it('answers 415 for kinds it has no message for, and 400 for a body without the magic prefix', () => {
    const pod = envelope('v1', 'Pod', message([1, newObjectMeta('p')]));
    expect(() => decodeProtobufObject(pod)).toThrow(
      expect.objectContaining({ code: 415, reason: 'UnsupportedMediaType' }),
    );
    expect(() => decodeProtobufObject(new TextEncoder().encode('{}'))).toThrow(ApiError);
    const truncated = envelope('v1', 'Secret', message([1, newObjectMeta('s')])).subarray(0, 12);
    expect(() => decodeProtobufObject(truncated)).toThrow(expect.objectContaining({ code: 400 }));
  });
});
