/** One field read off the protobuf wire: its number, and its varint or length-delimited payload. */
export type WireField =
  | { number: number; wireType: 'varint'; value: bigint }
  | { number: number; wireType: 'bytes'; value: Uint8Array }
  | { number: number; wireType: 'fixed' };

/** A body that is not valid protobuf wire format. */
export class WireFormatError extends Error {}

function readVarint(buf: Uint8Array, start: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let pos = start;
  for (;;) {
    if (pos >= buf.length || shift > 63n) throw new WireFormatError('truncated or overlong varint');
    const byte = buf[pos++]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [BigInt.asUintN(64, result), pos];
    shift += 7n;
  }
}

/**
 * The fields of one message, in wire order. Fixed-width fields (wire types 1 and 5) are skipped: no
 * Kubernetes type the server decodes uses them. Groups (3, 4) are refused, as Go's decoder does.
 */
export function readFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    pos = afterKey;
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (number === 0) throw new WireFormatError('illegal field number 0');
    switch (wireType) {
      case 0: {
        const [value, next] = readVarint(buf, pos);
        fields.push({ number, wireType: 'varint', value });
        pos = next;
        break;
      }
      case 2: {
        const [length, next] = readVarint(buf, pos);
        const end = next + Number(length);
        if (end > buf.length) throw new WireFormatError('truncated length-delimited field');
        fields.push({ number, wireType: 'bytes', value: buf.subarray(next, end) });
        pos = end;
        break;
      }
      case 1:
      case 5:
        pos += wireType === 1 ? 8 : 4;
        if (pos > buf.length) throw new WireFormatError('truncated fixed-width field');
        fields.push({ number, wireType: 'fixed' });
        break;
      default:
        throw new WireFormatError(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}
