import protobuf from 'protobufjs/minimal.js';

/** One field read off the protobuf wire: its number, and its varint or length-delimited payload. */
export type WireField =
  | { number: number; wireType: 'varint'; value: bigint }
  | { number: number; wireType: 'bytes'; value: Uint8Array }
  | { number: number; wireType: 'fixed' };

/** A body that is not valid protobuf wire format. */
export class WireFormatError extends Error {}

function toBigInt(value: number | { toString(): string }): bigint {
  return typeof value === 'number' ? BigInt(value) : BigInt.asUintN(64, BigInt(value.toString()));
}

/**
 * The fields of one message, in wire order, read with protobufjs' wire reader. Fixed-width fields
 * (wire types 1 and 5) are skipped: no Kubernetes type the server decodes uses them. Groups (3, 4)
 * are refused, as Go's decoder does.
 */
export function readFields(buf: Uint8Array): WireField[] {
  const reader = protobuf.Reader.create(buf);
  const fields: WireField[] = [];
  try {
    while (reader.pos < reader.len) {
      const key = reader.uint32();
      const number = key >>> 3;
      const wireType = key & 7;
      if (number === 0) throw new WireFormatError('illegal field number 0');
      switch (wireType) {
        case 0:
          fields.push({ number, wireType: 'varint', value: toBigInt(reader.uint64()) });
          break;
        case 2:
          fields.push({ number, wireType: 'bytes', value: reader.bytes() });
          break;
        case 1:
        case 5:
          reader.skipType(wireType);
          fields.push({ number, wireType: 'fixed' });
          break;
        default:
          throw new WireFormatError(`unsupported wire type ${wireType}`);
      }
    }
  } catch (error) {
    if (error instanceof WireFormatError) throw error;
    throw new WireFormatError(`truncated or malformed protobuf: ${(error as Error).message}`);
  }
  return fields;
}
