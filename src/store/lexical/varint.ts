/**
 * LEB128 varints, as the lexical files store small numbers: 7 bits a byte, low bits first,
 * the high bit set on every byte but the last. Numbers below 2^32.
 */
export class VarintWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
  }

  /** Appends one number. */
  varint(value: number): void {
    if (this.bytes.length - this.length < 5) this.grow(5);
    const { bytes } = this;
    let v = value;
    while (v >= 0x80) {
      bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    bytes[this.length++] = v;
  }

  /** Appends one raw byte. */
  byte(value: number): void {
    if (this.length === this.bytes.length) this.grow(1);
    this.bytes[this.length++] = value;
  }

  /** The bytes written, trimmed to their length. */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private grow(needed: number): void {
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + needed));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}

/** How many bytes the varint of `value` takes. */
export function varintSize(value: number): number {
  let size = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 128)) size++;
  return size;
}

/** Reads varints from `bytes` from `at` on; `at` moves past each one read. */
export class VarintReader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  /** The next number; throws RangeError past the end. */
  varint(): number {
    // Most are one byte: that path is kept small enough to inline.
    const first = this.bytes[this.at];
    if (first !== undefined && first < 0x80) {
      this.at++;
      return first;
    }
    return this.longer();
  }

  private longer(): number {
    const { bytes } = this;
    let byte = bytes[this.at++];
    if (byte === undefined) throw new RangeError('Varint past the end of its bytes.');
    let value = byte & 0x7f;
    for (let shift = 7; byte >= 0x80; shift += 7) {
      byte = bytes[this.at++];
      if (byte === undefined) throw new RangeError('Varint past the end of its bytes.');
      value += (byte & 0x7f) * 2 ** shift;
    }
    return value;
  }
}
