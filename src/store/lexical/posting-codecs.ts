import { VarintReader, VarintWriter } from './varint.ts';

/**
 * How posting lists' term frequencies are stored: in a form that loads with a native fill and
 * a light pass over a bit per posting, no decoding posting by posting.
 */

/**
 * Term frequencies: most are 1 (nearly all of a syllable pair's), so a bit per posting says
 * which are not, and those follow as varints of tf − 2, in posting order.
 */
export function encodeTfs(tfs: Uint16Array): { bits: Uint8Array; extra: Uint8Array } {
  const bits = new Uint8Array((tfs.length + 7) >> 3);
  const out = new VarintWriter(1024);
  for (let i = 0; i < tfs.length; i++) {
    if (tfs[i] === 1) continue;
    bits[i >> 3]! |= 1 << (i & 7);
    out.varint(tfs[i]! - 2);
  }
  return { bits, extra: out.finish() };
}

/** Reads what {@link encodeTfs} wrote for `count` postings; throws RangeError when the parts disagree. */
export function decodeTfs(bits: Uint8Array, extra: Uint8Array, count: number): Uint16Array {
  const tfs = new Uint16Array(count).fill(1);
  const reader = new VarintReader(extra);
  // The cursor is kept in a local, and one-byte values (nearly all) read here: this runs once
  // per posting with a tf above 1, at every load.
  let at = 0;
  for (let byte = 0; byte < bits.length; byte++) {
    let set = bits[byte]!;
    if (set === 0) continue;
    const base = byte * 8;
    if (base + 8 > count && set >> (count - base) !== 0)
      throw new RangeError('A term frequency past the last posting.');
    while (set !== 0) {
      const low = set & -set;
      set ^= low;
      let value = at < extra.length ? extra[at]! : 0x80;
      if (value < 0x80) at++;
      else {
        reader.at = at;
        value = reader.varint();
        at = reader.at;
        if (value > 0xffff - 2) throw new RangeError('A term frequency out of range.');
      }
      tfs[base + 31 - Math.clz32(low)] = value + 2;
    }
  }
  if (at !== extra.length) throw new RangeError('Term frequencies end before their bytes do.');
  return tfs;
}
