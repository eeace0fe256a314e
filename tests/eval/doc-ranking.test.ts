import { describe, expect, it } from 'vitest';
import { bestChunkPerDoc } from '../../src/eval/doc-ranking.ts';

// chunks 0, 1, 2 belong to doc 0; chunk 3 to doc 1; chunk 4 to doc 2
const DOC_OF = [0, 0, 0, 1, 2];
const docOf = (chunk: number) => DOC_OF[chunk] ?? -1;

describe('bestChunkPerDoc', () => {
  it('scores each document as its best chunk and lists it once', () => {
    const hits = [
      { doc: 1, score: 9 },
      { doc: 3, score: 7 },
      { doc: 0, score: 6 },
      { doc: 4, score: 2 },
    ];
    expect(bestChunkPerDoc(hits, docOf, 10)).toEqual([
      { doc: 0, score: 9 },
      { doc: 1, score: 7 },
      { doc: 2, score: 2 },
    ]);
  });

  it('takes the maximum even when the hits are not sorted', () => {
    expect(
      bestChunkPerDoc(
        [
          { doc: 0, score: 1 },
          { doc: 3, score: 2 },
          { doc: 2, score: 5 },
        ],
        docOf,
        10,
      ),
    ).toEqual([
      { doc: 0, score: 5 },
      { doc: 1, score: 2 },
    ]);
  });

  it('keeps the top k documents, ties in order of first appearance', () => {
    const hits = [
      { doc: 4, score: 3 },
      { doc: 3, score: 3 },
      { doc: 0, score: 3 },
    ];
    expect(bestChunkPerDoc(hits, docOf, 2)).toEqual([
      { doc: 2, score: 3 },
      { doc: 1, score: 3 },
    ]);
  });
});
