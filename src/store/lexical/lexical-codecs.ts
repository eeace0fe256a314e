import { noPairs, type PairTable } from './pair-table.ts';
import { VarintReader, VarintWriter } from './varint.ts';

/**
 * The compact forms the lexical files take on disk, and back: what is small is stored small
 * (most terms are rare syllable pairs), what is large and read whole stays a raw array.
 */

const FIELD_BITS = 3;
/** Set when a term's per-field list lengths follow its header (see encodeLists). */
const EXPLICIT = 1 << FIELD_BITS;

/**
 * Each term's document frequency and posting-list lengths, one varint header per term:
 * df·16 + explicit·8 + the fields it occurs in (bit f). A term found in one field only
 * (most pairs: in passages' text) needs nothing more, since that list's length is its df;
 * otherwise (explicit) the length of each list it has follows.
 */
export function encodeLists(df: Uint32Array, offsets: Uint32Array, fieldCount: number): Uint8Array {
  const out = new VarintWriter(df.length * 2);
  for (let t = 0; t < df.length; t++) {
    let mask = 0;
    let fields = 0;
    let only = 0;
    for (let f = 0; f < fieldCount; f++) {
      const length = offsets[t * fieldCount + f + 1]! - offsets[t * fieldCount + f]!;
      if (length === 0) continue;
      mask |= 1 << f;
      fields++;
      only = length;
    }
    const explicit = fields > 1 || (fields === 1 && only !== df[t]);
    out.varint(df[t]! * 16 + (explicit ? EXPLICIT : 0) + mask);
    if (!explicit) continue;
    for (let f = 0; f < fieldCount; f++) {
      const length = offsets[t * fieldCount + f + 1]! - offsets[t * fieldCount + f]!;
      if (length > 0) out.varint(length);
    }
  }
  return out.finish();
}

/** Reads what {@link encodeLists} wrote for `termCount` terms; throws RangeError if the bytes run short or long. */
export function decodeLists(
  bytes: Uint8Array,
  termCount: number,
  fieldCount: number,
): { df: Uint32Array; offsets: Uint32Array } {
  const df = new Uint32Array(termCount);
  const offsets = new Uint32Array(termCount * fieldCount + 1);
  const reader = new VarintReader(bytes);
  let at = 0;
  for (let t = 0; t < termCount; t++) {
    const header = reader.varint();
    const termDf = Math.floor(header / 16);
    df[t] = termDf;
    const explicit = (header & EXPLICIT) !== 0;
    for (let f = 0; f < fieldCount; f++) {
      if ((header >> f) & 1) at += explicit ? reader.varint() : termDf;
      offsets[t * fieldCount + f + 1] = at;
    }
  }
  if (reader.at !== bytes.length) throw new RangeError('Posting-list lengths end before their bytes do.');
  return { df, offsets };
}

/** Per word, how many pairs it starts, then their second syllables as rising gaps; nothing when there are no pairs. */
export function encodePairs(pairs: PairTable): Uint8Array {
  if (pairs.second.length === 0) return new Uint8Array(0);
  const out = new VarintWriter(pairs.second.length + pairs.wordCount);
  for (let w = 0; w < pairs.wordCount; w++) {
    const start = pairs.firstStart[w]!;
    const end = pairs.firstStart[w + 1]!;
    out.varint(end - start);
    let previous = 0;
    for (let i = start; i < end; i++) {
      out.varint(pairs.second[i]! - previous);
      previous = pairs.second[i]!;
    }
  }
  return out.finish();
}

/** Reads what {@link encodePairs} wrote; throws RangeError when the bytes disagree with the counts. */
export function decodePairs(bytes: Uint8Array, wordCount: number, pairCount: number): PairTable {
  if (pairCount === 0 && bytes.length === 0) return noPairs(wordCount);
  const firstStart = new Uint32Array(wordCount + 1);
  const second = new Uint32Array(pairCount);
  const reader = new VarintReader(bytes);
  let at = 0;
  for (let w = 0; w < wordCount; w++) {
    const end = at + reader.varint();
    if (end > pairCount) throw new RangeError('More pairs than the header counts.');
    let previous = 0;
    for (; at < end; at++) {
      previous += reader.varint();
      if (previous >= wordCount) throw new RangeError('A pair names a word the index does not have.');
      second[at] = previous;
    }
    firstStart[w + 1] = at;
  }
  if (at !== pairCount || reader.at !== bytes.length) throw new RangeError('Fewer pairs than the header counts.');
  return { wordCount, firstStart, second };
}

/** The fewest bytes (1, 2 or 4) each of `values` fits in. */
export function widthOf(values: Uint16Array | Uint32Array): 1 | 2 | 4 {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max <= 0xff ? 1 : max <= 0xffff ? 2 : 4;
}

/** `values` as little-endian integers of `width` bytes each (values must fit). */
export function narrow(values: Uint16Array | Uint32Array, width: 1 | 2 | 4): Uint8Array {
  const array =
    width === 1
      ? new Uint8Array(values.length)
      : width === 2
        ? new Uint16Array(values.length)
        : new Uint32Array(values.length);
  array.set(values);
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * `count` integers of `width` bytes (at most `outWidth`) from `bytes`, as an array of
 * `outWidth` bytes: a view on `bytes` when the widths agree and it is aligned, else a copy.
 */
export function widen(bytes: Uint8Array, width: 1 | 2 | 4, count: number, outWidth: 2): Uint16Array;
export function widen(bytes: Uint8Array, width: 1 | 2 | 4, count: number, outWidth: 4): Uint32Array;
export function widen(bytes: Uint8Array, width: 1 | 2 | 4, count: number, outWidth: 2 | 4): Uint16Array | Uint32Array {
  const make = (buffer: ArrayBufferLike, offset: number, length: number, w: 1 | 2 | 4) =>
    w === 1
      ? new Uint8Array(buffer, offset, length)
      : w === 2
        ? new Uint16Array(buffer, offset, length)
        : new Uint32Array(buffer, offset, length);
  const aligned = bytes.byteOffset % width === 0 ? bytes : bytes.slice();
  const source = make(aligned.buffer, aligned.byteOffset, count, width);
  if (width === outWidth) return source as Uint16Array | Uint32Array;
  const out = outWidth === 2 ? new Uint16Array(count) : new Uint32Array(count);
  out.set(source);
  return out;
}
