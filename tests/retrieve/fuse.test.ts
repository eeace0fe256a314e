import { describe, expect, it } from 'vitest';
import { fuseRankings } from '../../src/retrieve/fuse.ts';

describe('fuseRankings', () => {
  it('scores each document by the sum of 1/(k + rank) over the lists it appears in', () => {
    const lexical = [
      { doc: 7, score: 12 },
      { doc: 3, score: 9 },
    ];
    const dense = [
      { doc: 3, score: 0.9 },
      { doc: 5, score: 0.8 },
    ];
    const fused = fuseRankings([lexical, dense], { k: 60 });
    // doc 3: 1/62 + 1/61; doc 7: 1/61; doc 5: 1/62
    expect(fused.map((f) => f.doc)).toEqual([3, 7, 5]);
    expect(fused[0]?.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]?.score).toBeCloseTo(1 / 61, 12);
    expect(fused[2]?.score).toBeCloseTo(1 / 62, 12);
  });

  it('ignores raw score scales: a huge BM25 score counts the same as rank 1 anywhere', () => {
    const fused = fuseRankings([[{ doc: 1, score: 1e9 }], [{ doc: 2, score: 0.1 }]]);
    expect(fused[0]?.score).toBeCloseTo(fused[1]?.score ?? 0, 12);
    expect(fused.map((f) => f.doc)).toEqual([1, 2]);
  });

  it('applies per-list weights', () => {
    const fused = fuseRankings([[{ doc: 1, score: 1 }], [{ doc: 2, score: 1 }]], { weights: [1, 2] });
    expect(fused.map((f) => f.doc)).toEqual([2, 1]);
  });

  it('returns an empty list for empty input', () => {
    expect(fuseRankings([[], []])).toEqual([]);
  });
});

describe('fuseRankings ties', () => {
  it('keeps equal scores in the order documents first appear, earlier lists first', () => {
    // 9 and 4 each appear once at rank 1; 2 and 8 once at rank 2.
    const fused = fuseRankings([
      [
        { doc: 9, score: 5 },
        { doc: 2, score: 4 },
      ],
      [
        { doc: 4, score: 0.9 },
        { doc: 8, score: 0.8 },
      ],
    ]);
    expect(fused.map((f) => f.doc)).toEqual([9, 4, 2, 8]);
  });
});
