/**
 * The protobuf wire format, as much of it as the pooled model needs (see pooled-graph.ts): a
 * message's fields read one level at a time, a length-delimited field skipped by its length
 * without decoding it (a model's weights are one such field), and small messages encoded.
 */

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** One field of a message: a varint's value, or where a length-delimited field's bytes are. */
export interface WireField {
  field: number;
  /** A varint field's value (exact up to 2^53), else 0. */
  value: number;
  /** A length-delimited field's bytes: bytes.subarray(start, end). */
  start: number;
  end: number;
  delimited: boolean;
}

/** The fields of the message in bytes[start, end), in order. Throws on bytes that are not one. */
export function* wireFields(bytes: Uint8Array, start = 0, end = bytes.length): Generator<WireField> {
  let at = start;
  const varint = (): number => {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      if (at >= end || scale > 2 ** 63) throw new Error('Not a protobuf message: a varint runs past its end.');
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
  };
  while (at < end) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === VARINT) {
      yield { field, value: varint(), start: at, end: at, delimited: false };
      continue;
    }
    const length = wire === LENGTH_DELIMITED ? varint() : wire === FIXED64 ? 8 : wire === FIXED32 ? 4 : -1;
    if (length < 0 || at + length > end) throw new Error(`Not a protobuf message: field ${field} (wire type ${wire}).`);
    yield { field, value: 0, start: at, end: at + length, delimited: wire === LENGTH_DELIMITED };
    at += length;
  }
}

/** The length-delimited fields numbered `field` of the message in bytes[start, end). */
export function* delimitedFields(
  bytes: Uint8Array,
  field: number,
  start = 0,
  end = bytes.length,
): Generator<WireField> {
  for (const one of wireFields(bytes, start, end)) if (one.delimited && one.field === field) yield one;
}

/** A varint field's value in the message (`fallback` when absent; the last one when repeated). */
export function varintField(bytes: Uint8Array, field: number, start: number, end: number, fallback = 0): number {
  let value = fallback;
  for (const one of wireFields(bytes, start, end)) if (!one.delimited && one.field === field) value = one.value;
  return value;
}

/** A string field's value (the last one when repeated), or null. */
export function stringField(bytes: Uint8Array, field: number, start: number, end: number): string | null {
  let value: string | null = null;
  for (const one of delimitedFields(bytes, field, start, end))
    value = Buffer.from(bytes.buffer, bytes.byteOffset + one.start, one.end - one.start).toString('utf8');
  return value;
}

/** A field to encode: a string, a non-negative integer (varint) or an encoded message. */
export type FieldValue = string | number | Uint8Array;

/** Encodes a message from its fields, in order (a field given more than once is repeated). */
export function encodeMessage(fields: readonly (readonly [number, FieldValue])[]): Uint8Array {
  const out: number[] = [];
  const varint = (n: number) => {
    for (; n >= 128; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
    out.push(n);
  };
  for (const [field, value] of fields) {
    if (typeof value === 'number') {
      varint(field * 8 + VARINT);
      varint(value);
      continue;
    }
    const payload = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    varint(field * 8 + LENGTH_DELIMITED);
    varint(payload.length);
    for (const byte of payload) out.push(byte);
  }
  return Uint8Array.from(out);
}
