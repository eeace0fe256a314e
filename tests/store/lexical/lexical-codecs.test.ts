import { describe, expect, it } from 'vitest';
import { encodeForward, readPassageTerms } from '../../../src/store/lexical/forward-index.ts';
import { decodeLists, decodePairs, encodeLists, encodePairs } from '../../../src/store/lexical/lexical-codecs.ts';
import { orderTerms, pairId } from '../../../src/store/lexical/pair-table.ts';
import { decodeTfs, encodeTfs } from '../../../src/store/lexical/posting-codecs.ts';
import { prng } from '../../fixtures/prng.ts';

const F = 3;

describe('posting codecs', () => {
  it('store term frequencies as a bit per posting that is not 1, and the rest as varints', () => {
    const tfs = Uint16Array.from([1, 1, 2, 1, 3, 65_535, 1, 1, 1, 1, 200, 1]);
    const { bits, extra } = encodeTfs(tfs);
    expect(bits).toHaveLength(2);
    expect(Array.from(decodeTfs(bits, extra, tfs.length))).toEqual(Array.from(tfs));
    expect(() => decodeTfs(bits, extra.subarray(1), tfs.length)).toThrow(RangeError);
  });

  it('store dfs and list lengths in a varint or a few per term', () => {
    // Term 0 in the title and body (df 2, one doc in both), term 1 in the body only, term 2 nowhere.
    const df = Uint32Array.from([2, 3, 0]);
    const offsets = Uint32Array.from([0, 1, 1, 3, 3, 3, 6, 6, 6, 6]);
    const bytes = encodeLists(df, offsets, F);
    expect(bytes).toHaveLength(1 + 2 + 1 + 1);
    const decoded = decodeLists(bytes, 3, F);
    expect(Array.from(decoded.df)).toEqual(Array.from(df));
    expect(Array.from(decoded.offsets)).toEqual(Array.from(offsets));
  });
});

describe('pair table', () => {
  const terms = ['tai', 'san', 'hien', 'tai san', 'co', 'san hien', 'hien co', 'tai san hien', '§luat:24/2018', 'x y'];
  const { newId, pairs } = orderTerms(terms);

  it('keeps the words in order first, then the pairs by first and second syllable', () => {
    const words = ['tai', 'san', 'hien', 'co', '§luat:24/2018', 'tai san hien', 'x y'];
    expect(pairs.wordCount).toBe(words.length);
    for (const [i, w] of words.entries()) expect(newId[terms.indexOf(w)]).toBe(i);
    expect(pairId(pairs, 0, 1)).toBe(newId[3]);
    expect(pairId(pairs, 1, 2)).toBe(newId[5]);
    expect(pairId(pairs, 2, 3)).toBe(newId[6]);
    expect(pairId(pairs, 1, 0)).toBe(-1);
    expect(pairId(pairs, 99, 0)).toBe(-1);
  });

  it('numbers terms without a joiner (no Vietnamese text) in their order, with no pairs', () => {
    const plain = orderTerms(['risk', 'capit', '§circular:49', '49/2017/tt-byt']);
    expect(Array.from(plain.newId)).toEqual([0, 1, 2, 3]);
    expect(plain.words).toEqual(['risk', 'capit', '§circular:49', '49/2017/tt-byt']);
    expect(plain.pairs.wordCount).toBe(4);
    expect(Array.from(plain.pairs.firstStart)).toEqual([0, 0, 0, 0, 0]);
    expect(plain.pairs.second).toHaveLength(0);
  });

  it('round-trips through its file form, and refuses a pair naming an unknown word', () => {
    const again = decodePairs(encodePairs(pairs), pairs.wordCount, 3);
    expect(Array.from(again.second)).toEqual(Array.from(pairs.second));
    expect(Array.from(again.firstStart)).toEqual(Array.from(pairs.firstStart));
    expect(() => decodePairs(Uint8Array.from([1, 9, 0, 0, 0, 0, 0, 0]), 7, 1)).toThrow(RangeError);
  });
});

describe('forward index', () => {
  // Words 0–5; pairs 6 (0 1), 7 (1 2), 8 (2 3), 9 (4 0).
  const { pairs } = orderTerms(['a', 'b', 'c', 'd', 'e', 'f', 'a b', 'b c', 'c d', 'e a']);

  it('stores any sequence of ids exactly, deriving the pairs that follow neighbouring words', () => {
    const rand = prng(3);
    const fields: number[][] = [
      [0, 1, 2, 3, 6, 7, 8, 5],
      [0, 1, 2, 6, 8],
      [4, 0, 1, 9, 6, 6],
      [7, 0, 1],
      [],
      [0, 5, 1, 2, 7, 6],
      ...Array.from({ length: 60 }, () =>
        Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * 10)),
      ),
    ];
    while (fields.length % F) fields.push([]);
    const lengths = Uint32Array.from(fields.map((f) => f.length));
    const identity = Uint32Array.from({ length: 10 }, (_, i) => i);
    const forward = encodeForward(Uint32Array.from(fields.flat()), lengths, identity, pairs);
    const plain = fields.flat().length;
    expect(forward.bytes.length).toBeLessThan(plain + fields.length / F);
    const ends: number[] = [];
    for (let doc = 0; doc < fields.length / F; doc++) {
      const { ids, count } = readPassageTerms(forward, lengths, pairs, doc, new Uint32Array(1), ends);
      const mine = fields.slice(doc * F, doc * F + F);
      expect(Array.from(ids.subarray(0, count))).toEqual(mine.flat());
      expect(ends).toEqual([mine[0]!.length, mine[0]!.length + mine[1]!.length, mine.flat().length]);
    }
  });
});
