import { describe, expect, it } from 'vitest';
import { sortDocs } from '../../../src/store/lexical/doc-lists.ts';
import { prng } from '../../fixtures/prng.ts';

describe('sortDocs', () => {
  it('sorts the first n ordinals ascending, as a comparison sort would, and leaves the rest', () => {
    const rand = prng(13);
    for (const [n, limit] of [
      [0, 10],
      [5, 10],
      [255, 1000],
      [256, 1000],
      [3000, 100_000],
      [20_000, 5_000_000],
      [4000, 2 ** 32],
    ] as const) {
      const docs = Uint32Array.from({ length: n + 7 }, () => Math.floor(rand() * limit));
      const expected = Uint32Array.from(docs);
      expected.subarray(0, n).sort();
      sortDocs(docs, n, limit);
      expect(docs, `${n} below ${limit}`).toEqual(expected);
    }
  });
});
