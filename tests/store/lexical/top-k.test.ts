import { describe, expect, it } from 'vitest';
import { kthLargestScore, selectTopK } from '../../../src/store/lexical/top-k.ts';
import { prng } from '../../fixtures/prng.ts';

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('selectTopK', () => {
  it('returns the best k, best first, with their scores', () => {
    const scores = new Float32Array([0.5, 3, 1, 2.5, 0.25]);
    expect(selectTopK(scores, all(5), 5, 3)).toEqual([
      { doc: 1, score: 3 },
      { doc: 3, score: 2.5 },
      { doc: 2, score: 1 },
    ]);
  });

  it('breaks ties by the lower doc, whatever the candidates’ order', () => {
    const scores = new Float32Array([1, 2, 2, 1, 2, 1]);
    const expected = [
      { doc: 1, score: 2 },
      { doc: 2, score: 2 },
      { doc: 4, score: 2 },
      { doc: 0, score: 1 },
    ];
    expect(selectTopK(scores, all(6), 6, 4)).toEqual(expected);
    expect(selectTopK(scores, [5, 4, 3, 2, 1, 0], 6, 4)).toEqual(expected);
    expect(selectTopK(scores, [3, 0, 5, 4, 2, 1], 6, 4)).toEqual(expected);
    // Cutting inside a tie keeps the lower docs.
    expect(selectTopK(scores, [5, 4, 3, 2, 1, 0], 6, 2).map((h) => h.doc)).toEqual([1, 2]);
  });

  it('considers only the candidates, and only the first `count` of them', () => {
    const scores = new Float32Array([9, 1, 8, 2, 7]);
    expect(selectTopK(scores, [1, 3, 4], 3, 10).map((h) => h.doc)).toEqual([4, 3, 1]);
    expect(selectTopK(scores, new Uint32Array([1, 3, 0, 2]), 2, 10).map((h) => h.doc)).toEqual([3, 1]);
  });

  it('returns everything sorted when k exceeds the candidates, and nothing for k ≤ 0 or no candidates', () => {
    const scores = new Float32Array([1, 3, 2]);
    expect(selectTopK(scores, all(3), 3, 100).map((h) => h.doc)).toEqual([1, 2, 0]);
    expect(selectTopK(scores, all(3), 3, 0)).toEqual([]);
    expect(selectTopK(scores, all(3), 3, -1)).toEqual([]);
    expect(selectTopK(scores, [], 0, 5)).toEqual([]);
  });

  it('agrees with a full sort on many scores with many ties', () => {
    // A fixed linear congruential sequence, so the test is the same on every run.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const n = 2000;
    const scores = new Float32Array(n).map(() => next() % 50);
    const candidates = all(n).filter((i) => i % 3 !== 0);
    const sorted = candidates
      .map((doc) => ({ doc, score: scores[doc]! }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc);
    for (const k of [1, 7, 100, candidates.length]) {
      expect(selectTopK(scores, candidates, candidates.length, k)).toEqual(sorted.slice(0, k));
    }
  });
});

describe('kthLargestScore', () => {
  it('gives the k-th largest score, or the floor when fewer than k scores exceed it', () => {
    const rand = prng(29);
    for (let trial = 0; trial < 200; trial++) {
      const count = Math.floor(rand() * 60);
      const scores = Float32Array.from({ length: count }, () => Math.floor(rand() * 20) / 4);
      const candidates = Array.from({ length: count }, (_, i) => i);
      const k = 1 + Math.floor(rand() * 10);
      const floor = rand() < 0.3 ? 0 : Math.floor(rand() * 20) / 4;
      const descending = [...scores].sort((a, b) => b - a);
      const kth = count >= k ? descending[k - 1]! : floor;
      expect(kthLargestScore(scores, candidates, count, k, floor)).toBe(Math.max(floor, kth));
    }
  });
});
