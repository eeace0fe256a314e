import { PolicybotError } from '../../errors.ts';
import { LEXICAL_FIELDS } from './lexical-options.ts';
import { type PairTable, pairCount, pairFirsts, pairId } from './pair-table.ts';
import { VarintReader, VarintWriter, varintSize } from './varint.ts';

const FIELD_COUNT = LEXICAL_FIELDS.length;

/**
 * Each passage's analyzed terms, in order, as the postings saw them: the term ids of its
 * fields back to back (title, section, body; a field's length is in `Postings.lengths`),
 * varint-encoded (LEB128: 7 bits a byte; words have the low ids, see pair-table.ts).
 * Query-time refinements (feedback, proximity, matched terms) read a passage's terms here
 * instead of fetching its text and analyzing it again.
 *
 * Syllable pairs are not stored: a Vietnamese field's terms are its words, then the pairs of
 * adjacent words, then the rest (identifier terms), so such a field is stored as its words, a
 * bit per two neighbouring words telling whether their pair follows, and the rest. When the
 * index has pairs, each passage starts with a byte whose bit f says field f is stored so;
 * other fields are their ids as they are. Any sequence of ids is stored exactly.
 */
export interface ForwardIndex {
  /** doc → offset of its first byte in `bytes`; length docCount + 1. */
  offsets: Uint32Array;
  bytes: Uint8Array;
}

/** Past 4 GiB of encoded terms the offsets would wrap: some 20 million passages. */
const MAX_BYTES = 0xffffffff;

/**
 * Encodes passages' term ids (`ids`, passage after passage, field after field; `lengths[doc·F
 * + f]` ids per field), renumbered through `newId`, with the pairs of `pairs` derived.
 */
export function encodeForward(
  ids: Uint32Array,
  lengths: Uint32Array,
  newId: Uint32Array,
  pairs: PairTable,
): ForwardIndex {
  const docCount = lengths.length / FIELD_COUNT;
  const offsets = new Uint32Array(docCount + 1);
  const out = new VarintWriter(ids.length + docCount);
  const hasPairs = pairCount(pairs) > 0;
  const firsts = pairFirsts(pairs);
  const field = new Uint32Array(1024);
  let scratch = field;
  let read = 0;
  for (let doc = 0; doc < docCount; doc++) {
    const modeAt = out.length;
    if (hasPairs) out.byte(0);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const length = lengths[doc * FIELD_COUNT + f]!;
      if (scratch.length < length) scratch = new Uint32Array(length * 2);
      for (let i = 0; i < length; i++) scratch[i] = newId[ids[read++]!]!;
      const derived = hasPairs && _writeDerived(out, scratch, length, pairs, firsts);
      if (derived) out.bytes[modeAt]! |= 1 << f;
      else for (let i = 0; i < length; i++) out.varint(scratch[i]!);
    }
    if (out.length > MAX_BYTES) {
      throw new PolicybotError(
        'INDEX_BUILD_FAILED',
        'The corpus has too many passages for one lexical index (over 4 GiB of terms).',
      );
    }
    offsets[doc + 1] = out.length;
  }
  return { offsets, bytes: out.finish() };
}

/** Writes a field as words, pair bits and rest when that is shorter; false (nothing written) if not. */
function _writeDerived(
  out: VarintWriter,
  ids: Uint32Array,
  length: number,
  pairs: PairTable,
  firsts: Uint32Array,
): boolean {
  const { wordCount, second } = pairs;
  let words = 0;
  while (words < length && ids[words]! < wordCount) words++;
  if (words < 2 || words === length) return false;
  // The pairs that follow the words, matched in order against neighbouring words.
  let next = words;
  let saved = 0;
  const bits = new Uint8Array((words + 6) >> 3);
  for (let j = 0; j + 1 < words && next < length; j++) {
    const pair = ids[next]! - wordCount;
    if (pair >= 0 && firsts[pair] === ids[j] && second[pair] === ids[j + 1]) {
      bits[j >> 3]! |= 1 << (j & 7);
      saved += varintSize(ids[next]!);
      next++;
    }
  }
  // Stored so only when the pairs left out outweigh the word count and the bits.
  if (saved <= varintSize(words) + bits.length) return false;
  out.varint(words);
  for (let i = 0; i < words; i++) out.varint(ids[i]!);
  for (const b of bits) out.byte(b);
  for (let i = next; i < length; i++) out.varint(ids[i]!);
  return true;
}

/**
 * Decodes the term ids of passage `doc` into `out` (grown when too small; the array used is
 * returned with the count), field after field; `ends[f]` is set to the end of field f. With
 * `pairs: false` a field's derived pairs are left out (its stored terms are kept).
 * Reading into a reused buffer keeps the query path allocation-free.
 */
export function readPassageTerms(
  forward: ForwardIndex,
  lengths: Uint32Array,
  pairs: PairTable,
  doc: number,
  out: Uint32Array,
  ends: number[],
  withPairs = true,
): { ids: Uint32Array; count: number } {
  const { bytes, offsets } = forward;
  const reader = new VarintReader(bytes, offsets[doc]!);
  const mode = pairCount(pairs) > 0 ? bytes[reader.at++]! : 0;
  let total = 0;
  for (let f = 0; f < FIELD_COUNT; f++) total += lengths[doc * FIELD_COUNT + f]!;
  let ids = out;
  if (ids.length < total) ids = new Uint32Array(Math.max(total, ids.length * 2));
  let count = 0;
  for (let f = 0; f < FIELD_COUNT; f++) {
    let left = lengths[doc * FIELD_COUNT + f]!;
    if ((mode >> f) & 1) {
      const words = reader.varint();
      const first = count;
      for (let i = 0; i < words; i++) ids[count++] = reader.varint();
      const bitsAt = reader.at;
      reader.at += (words + 6) >> 3;
      left -= words;
      for (let j = 0; j + 1 < words; j++) {
        if (((bytes[bitsAt + (j >> 3)]! >> (j & 7)) & 1) === 0) continue;
        left--;
        if (withPairs) ids[count++] = pairId(pairs, ids[first + j]!, ids[first + j + 1]!);
      }
    }
    for (; left > 0; left--) ids[count++] = reader.varint();
    ends[f] = count;
  }
  return { ids, count };
}
