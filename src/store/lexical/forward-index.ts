import { PolicybotError } from '../../errors.ts';

/**
 * Each passage's analyzed terms, in order, as the postings saw them: the term ids of its
 * fields back to back (title, section, body; a field's length is in `Postings.lengths`),
 * varint-encoded (LEB128: 7 bits a byte, so the frequent low ids take one or two bytes).
 * Query-time refinements (feedback, proximity, matched terms) read a passage's terms here
 * instead of fetching its text and analyzing it again. Whatever the analyzer emits is stored,
 * so the encoding does not depend on what the terms are.
 */
export interface ForwardIndex {
  /** doc → offset of its first byte in `bytes`; length docCount + 1. */
  offsets: Uint32Array;
  bytes: Uint8Array;
}

/** Past 4 GiB of encoded terms the offsets would wrap: some 20 million passages. */
const MAX_BYTES = 0xffffffff;

/** Appends passages' term ids; {@link finish} returns the index. */
export class ForwardIndexBuilder {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private readonly offsets: number[] = [0];

  /** Appends term ids to the current passage. */
  push(ids: readonly number[]): void {
    if (this.bytes.length - this.length < ids.length * 5) this.grow(ids.length * 5);
    const { bytes } = this;
    let at = this.length;
    for (let i = 0; i < ids.length; i++) {
      let id = ids[i]!;
      while (id >= 0x80) {
        bytes[at++] = (id & 0x7f) | 0x80;
        id >>>= 7;
      }
      bytes[at++] = id;
    }
    this.length = at;
  }

  /** Closes the current passage; the next `push` starts the next one. */
  endPassage(): void {
    if (this.length > MAX_BYTES) {
      throw new PolicybotError(
        'INDEX_BUILD_FAILED',
        'The corpus has too many passages for one lexical index (over 4 GiB of terms).',
      );
    }
    this.offsets.push(this.length);
  }

  finish(): ForwardIndex {
    return { offsets: Uint32Array.from(this.offsets), bytes: this.bytes.slice(0, this.length) };
  }

  private grow(needed: number): void {
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + needed));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}

/**
 * Decodes the term ids of passage `doc` into `out` (grown when too small; the array used is
 * returned with the count). Reading into a reused buffer keeps the query path allocation-free.
 */
export function readPassageTerms(
  forward: ForwardIndex,
  doc: number,
  out: Uint32Array,
): { ids: Uint32Array; count: number } {
  const { bytes, offsets } = forward;
  const end = offsets[doc + 1]!;
  let at = offsets[doc]!;
  // A term takes at least one byte, so the byte count bounds the term count.
  let ids = out;
  if (ids.length < end - at) ids = new Uint32Array(Math.max(end - at, ids.length * 2));
  let count = 0;
  while (at < end) {
    let byte = bytes[at++]!;
    let id = byte & 0x7f;
    for (let shift = 7; byte >= 0x80; shift += 7) {
      byte = bytes[at++]!;
      id += (byte & 0x7f) * 2 ** shift;
    }
    ids[count++] = id;
  }
  return { ids, count };
}
