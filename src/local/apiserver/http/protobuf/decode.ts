import { ApiError, badRequest } from '../../model/api-error.js';
import type { JsonObject, JsonValue } from '../../model/object.js';
import { type FieldSpec, type FieldType, type MessageSpec, protobufKinds } from './messages.js';
import { readFields, type WireField, WireFormatError } from './wire.js';

/** The media type of Kubernetes' protobuf encoding. */
export const protobufMediaType = 'application/vnd.kubernetes.protobuf';

/** Every protobuf-encoded object starts with these four bytes, then a runtime.Unknown. */
const magic = [0x6b, 0x38, 0x73, 0x00];
const utf8 = new TextDecoder('utf-8');

/**
 * Decodes a `application/vnd.kubernetes.protobuf` request body into the JSON a Go client would have sent
 * for the same object. Only kinds in `protobufKinds` are understood; others answer 415 so the client
 * knows to send JSON.
 */
export function decodeProtobufObject(raw: Uint8Array): JsonObject {
  if (raw.length < magic.length || magic.some((b, i) => raw[i] !== b)) {
    throw badRequest(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  }
  try {
    // runtime.Unknown: typeMeta = 1 (apiVersion = 1, kind = 2), raw = 2, contentEncoding = 3, contentType = 4
    const envelope = readFields(raw.subarray(magic.length));
    const typeMeta = lastBytes(envelope, 1);
    const typeFields = typeMeta ? readFields(typeMeta) : [];
    const apiVersion = text(lastBytes(typeFields, 1));
    const kind = text(lastBytes(typeFields, 2));
    const encoding = text(lastBytes(envelope, 3));
    const spec = protobufKinds[kind];
    if (!spec || encoding !== '') {
      throw new ApiError(
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (protobuf is accepted for ${Object.keys(protobufKinds).join(', ')})`,
      );
    }
    const body = decodeMessage(lastBytes(envelope, 2) ?? new Uint8Array(), spec);
    return { apiVersion, kind, ...body };
  } catch (error) {
    if (error instanceof WireFormatError)
      throw badRequest(`unable to decode protobuf body: ${error.message}`);
    throw error;
  }
}

function lastBytes(fields: readonly WireField[], number: number): Uint8Array | undefined {
  let found: Uint8Array | undefined;
  for (const f of fields) if (f.number === number && f.wireType === 'bytes') found = f.value;
  return found;
}

function text(bytes: Uint8Array | undefined): string {
  return bytes ? utf8.decode(bytes) : '';
}

/** One message as the JSON its Go struct marshals to. */
function decodeMessage(bytes: Uint8Array, spec: MessageSpec): JsonObject {
  const values = new Map<number, JsonValue[]>();
  for (const wire of readFields(bytes)) {
    const fieldSpec = spec[wire.number];
    if (!fieldSpec || wire.wireType === 'fixed') continue;
    let decoded = values.get(wire.number);
    if (!decoded) {
      decoded = [];
      values.set(wire.number, decoded);
    }
    decoded.push(decodeValue(wire, fieldSpec.type));
  }
  const out: JsonObject = {};
  for (const [number, fieldSpec] of Object.entries(spec)) {
    const decoded = values.get(Number(number));
    const value = present(fieldSpec, decoded);
    if (value !== undefined) out[fieldSpec.name] = value;
  }
  return out;
}

/** The JSON value of a field from its decoded wire values, or undefined when the Go JSON omits it. */
function present(spec: FieldSpec, decoded: JsonValue[] | undefined): JsonValue | undefined {
  if (spec.repeated) {
    const items = decoded ?? [];
    return items.length > 0 || spec.presence === 'always' ? items : undefined;
  }
  if (typeof spec.type === 'object' && 'map' in spec.type) {
    const map: JsonObject = {};
    for (const entry of (decoded ?? []) as [string, JsonValue][]) map[entry[0]] = entry[1];
    return Object.keys(map).length > 0 || spec.presence === 'always' ? map : undefined;
  }
  const value = decoded?.at(-1);
  if (spec.presence === 'pointer') return value;
  const zero = zeroValue(spec.type);
  if (spec.presence === 'always') return value ?? zero;
  return value === undefined || value === zero ? undefined : value;
}

function zeroValue(type: FieldType): JsonValue {
  switch (type) {
    case 'string':
    case 'bytes':
      return '';
    case 'int':
      return 0;
    case 'bool':
      return false;
    case 'time':
    case 'microTime':
    case 'fieldsV1':
      return null;
    default:
      return {};
  }
}

function decodeValue(wire: WireField, type: FieldType): JsonValue {
  if (wire.wireType === 'varint') {
    if (type === 'bool') return wire.value !== 0n;
    if (type === 'int') return Number(BigInt.asIntN(64, wire.value));
    throw new WireFormatError(`unexpected varint for a ${describe(type)} field`);
  }
  if (wire.wireType !== 'bytes') throw new WireFormatError('unexpected fixed-width field');
  const bytes = wire.value;
  switch (type) {
    case 'string':
      return utf8.decode(bytes);
    case 'bytes':
      return Buffer.from(bytes).toString('base64');
    case 'time':
    case 'microTime':
      return decodeTime(bytes, type === 'microTime');
    case 'fieldsV1': {
      const raw = lastBytes(readFields(bytes), 1);
      return raw ? (JSON.parse(utf8.decode(raw)) as JsonValue) : null;
    }
    case 'int':
    case 'bool':
      throw new WireFormatError(`unexpected length-delimited value for a ${type} field`);
    default:
      if ('map' in type) {
        // map entries are messages with key = 1, value = 2
        const entry = readFields(bytes);
        const value = lastBytes(entry, 2) ?? new Uint8Array();
        return [
          text(lastBytes(entry, 1)),
          type.map === 'bytes' ? Buffer.from(value).toString('base64') : text(value),
        ];
      }
      return decodeMessage(bytes, type.message);
  }
}

function describe(type: FieldType): string {
  return typeof type === 'string' ? type : 'map' in type ? 'map' : 'message';
}

/** metav1.Time / MicroTime: seconds = 1, nanos = 2; an empty message is the zero time. */
function decodeTime(bytes: Uint8Array, micro: boolean): JsonValue {
  if (bytes.length === 0) return null;
  let seconds = 0n;
  let nanos = 0n;
  for (const f of readFields(bytes)) {
    if (f.wireType !== 'varint') continue;
    if (f.number === 1) seconds = BigInt.asIntN(64, f.value);
    if (f.number === 2) nanos = BigInt.asIntN(64, f.value);
  }
  const date = new Date(Number(seconds) * 1000);
  const base = date.toISOString().slice(0, 19);
  if (!micro) return `${base}Z`;
  return `${base}.${String(nanos / 1000n).padStart(6, '0')}Z`;
}
