import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Qrels, readQrels } from '../../src/eval/beir.ts';
import {
  mapAtK,
  meanMetrics,
  mrrAtK,
  ndcgAtK,
  type QueryQrels,
  recallAtK,
  scoreQuery,
} from '../../src/eval/metrics.ts';

/**
 * fixtures/metrics-qrels.tsv (hand-made):
 *   q1: d1=2, d2=1, d3=1          (graded)
 *   q2: d4=1, d5=1, d6=0          (d6 judged NOT relevant)
 *   q3: d1=1                      (the run below finds nothing relevant)
 *   q4: d2=0                      (no relevant doc at all: skipped by the mean)
 * Every expected value below is worked out by hand in the comment beside it.
 */
const RUNS: Record<string, string[]> = {
  q1: ['d2', 'd9', 'd1', 'd8', 'd3'],
  q2: ['d6', 'd7', 'd5'],
  q3: ['d7', 'd8'],
  q4: ['d2'],
};

let qrels: Qrels;
const judged = (q: string): QueryQrels => qrels.get(q) ?? new Map();

beforeAll(async () => {
  qrels = await readQrels(path.join(import.meta.dirname, 'fixtures', 'metrics-qrels.tsv'));
});

describe('ndcgAtK', () => {
  it('uses the grade as the gain and the ideal order of all judged docs (graded q1)', () => {
    // DCG  = 1/log2(2) [d2] + 0 [d9] + 2/log2(4) [d1] + 0 [d8] + 1/log2(6) [d3]
    //      = 1 + 1 + 0.386853 = 2.386853
    // IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.630930 + 0.5 = 3.130930
    // nDCG = 2.386853 / 3.130930 = 0.762346
    expect(ndcgAtK(RUNS.q1 ?? [], judged('q1'), 10)).toBeCloseTo(0.762346, 6);
  });

  it('cuts both the run and the ideal at k', () => {
    // DCG@2 = 1/log2(2) = 1; IDCG@2 = 2 + 1/log2(3) = 2.630930; 1 / 2.630930 = 0.380094
    expect(ndcgAtK(RUNS.q1 ?? [], judged('q1'), 2)).toBeCloseTo(0.380094, 6);
  });

  it('gives a doc judged 0 no gain and counts unretrieved relevant docs in the ideal (q2)', () => {
    // DCG = 0 [d6 graded 0] + 0 [d7 unjudged] + 1/log2(4) [d5] = 0.5
    // IDCG = 1 + 1/log2(3) = 1.630930 (d4 is relevant though never retrieved)
    // nDCG = 0.5 / 1.630930 = 0.306574
    expect(ndcgAtK(RUNS.q2 ?? [], judged('q2'), 10)).toBeCloseTo(0.306574, 6);
  });

  it('is 0 when nothing relevant is retrieved (q3)', () => {
    expect(ndcgAtK(RUNS.q3 ?? [], judged('q3'), 10)).toBe(0);
  });
});

describe('recallAtK', () => {
  it('divides relevant docs found in the top k by all relevant docs', () => {
    expect(recallAtK(RUNS.q1 ?? [], judged('q1'), 10)).toBe(1); // d2, d1, d3 of 3
    expect(recallAtK(RUNS.q1 ?? [], judged('q1'), 2)).toBeCloseTo(1 / 3, 12); // d2 of 3
    expect(recallAtK(RUNS.q2 ?? [], judged('q2'), 10)).toBe(0.5); // d5 of {d4, d5}; d6 is graded 0
    expect(recallAtK(RUNS.q3 ?? [], judged('q3'), 10)).toBe(0);
  });
});

describe('mrrAtK', () => {
  it('is 1 / rank of the first relevant doc within k, else 0', () => {
    expect(mrrAtK(RUNS.q1 ?? [], judged('q1'), 10)).toBe(1); // d2 at rank 1
    expect(mrrAtK(RUNS.q2 ?? [], judged('q2'), 10)).toBeCloseTo(1 / 3, 12); // d6 (0) and d7 skipped, d5 at rank 3
    expect(mrrAtK(RUNS.q2 ?? [], judged('q2'), 2)).toBe(0); // rank 3 is past the cut-off
    expect(mrrAtK(RUNS.q3 ?? [], judged('q3'), 10)).toBe(0);
  });
});

describe('mapAtK', () => {
  it('sums precision at relevant ranks ≤ k and divides by ALL relevant docs (map_cut)', () => {
    // q1: relevant at ranks 1, 3, 5 → P@1 = 1, P@3 = 2/3, P@5 = 3/5; (1 + 0.666667 + 0.6) / 3 = 0.755556
    expect(mapAtK(RUNS.q1 ?? [], judged('q1'), 10)).toBeCloseTo(0.755556, 6);
    // q1 cut at 2: only rank 1 → 1 / 3 (not 1 / min(2, 3))
    expect(mapAtK(RUNS.q1 ?? [], judged('q1'), 2)).toBeCloseTo(1 / 3, 12);
    // q2: d5 at rank 3 → P@3 = 1/3; d4 never found; (1/3) / 2 = 0.166667
    expect(mapAtK(RUNS.q2 ?? [], judged('q2'), 10)).toBeCloseTo(1 / 6, 12);
    expect(mapAtK(RUNS.q3 ?? [], judged('q3'), 10)).toBe(0);
  });
});

describe('meanMetrics', () => {
  it('averages over queries with a relevant doc and skips the rest (q4)', () => {
    const perQuery = Object.entries(RUNS).map(([q, ranking]) => ({
      metrics: scoreQuery(ranking, judged(q)),
      qrels: judged(q),
    }));
    const { metrics, queries } = meanMetrics(perQuery);
    expect(queries).toBe(3); // q1, q2, q3
    // nDCG@10:   (0.762346 + 0.306574 + 0) / 3 = 0.356307
    expect(metrics['ndcg@10']).toBeCloseTo(0.356307, 6);
    // Recall@10: (1 + 0.5 + 0) / 3 = 0.5; Recall@100 is the same (runs are shorter than 10)
    expect(metrics['recall@10']).toBeCloseTo(0.5, 12);
    expect(metrics['recall@100']).toBeCloseTo(0.5, 12);
    // MRR@10:    (1 + 1/3 + 0) / 3 = 0.444444
    expect(metrics['mrr@10']).toBeCloseTo(0.444444, 6);
    // MAP@10:    (0.755556 + 0.166667 + 0) / 3 = 0.307407
    expect(metrics['map@10']).toBeCloseTo(0.307407, 6);
  });

  it('returns zeros and no queries when none has a relevant doc', () => {
    const q4 = judged('q4');
    expect(meanMetrics([{ metrics: scoreQuery(['d2'], q4), qrels: q4 }])).toEqual({
      metrics: { 'ndcg@10': 0, 'recall@10': 0, 'recall@100': 0, 'mrr@10': 0, 'map@10': 0 },
      queries: 0,
    });
  });
});
