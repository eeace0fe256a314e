import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBeirCorpus, readBeirQueries } from '../../../src/eval/beir.ts';
import type { Analyzer } from '../../../src/store/lexical/analyzer.ts';
import { DEFAULT_ANALYZER_OPTIONS } from '../../../src/store/lexical/analyzer-options.ts';
import { Bm25fScorer, type QueryTerm } from '../../../src/store/lexical/bm25f-scorer.ts';
import {
  DEFAULT_LEXICAL_OPTIONS,
  type LexicalInput,
  type ScoringOptions,
} from '../../../src/store/lexical/lexical-options.ts';
import { buildPostings, type Postings } from '../../../src/store/lexical/postings.ts';
import { prng } from '../../fixtures/prng.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../../shared/datasets');
const SCORING: ScoringOptions = DEFAULT_LEXICAL_OPTIONS;
const DEPTHS = [1, 5, 10, 100];

/** Zipf-distributed pseudo-words in three fields, with some documents repeated so that scores tie. */
function syntheticCorpus(docs: number, seed: number): LexicalInput[] {
  const rand = prng(seed);
  const word = () => `w${Math.floor(1 / (rand() * 0.999 + 0.001) ** 1.1)}`;
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const inputs = Array.from({ length: docs }, () => ({
    title: words(Math.floor(rand() * 5)),
    section: words(Math.floor(rand() * 4)),
    text: words(20 + Math.floor(rand() * 60)),
  }));
  for (let i = 0; i < docs / 20; i++) inputs.push(inputs[Math.floor(rand() * docs)]!);
  return inputs;
}

/** Queries of 2–7 terms, frequent and rare alike; some weighted as RM3 weighs the words it lends (well below 1). */
function randomQueries(postings: Postings, count: number, seed: number): QueryTerm[][] {
  const rand = prng(seed);
  const byDf = [...postings.df.keys()].sort((a, b) => postings.df[b]! - postings.df[a]!);
  return Array.from({ length: count }, () => {
    const ids = new Set<number>();
    const size = 2 + Math.floor(rand() * 6);
    while (ids.size < size) ids.add(byDf[Math.floor(rand() ** 2 * Math.min(byDf.length, 3000))]!);
    return [...ids].map((id) => ({ id, count: rand() < 0.3 ? 0.02 + rand() * 0.2 : 1 + Math.floor(rand() * 2) }));
  });
}

/** Every query at every depth: the pruned search equals the exhaustive one, and skips work doing so. */
function expectSameAsExhaustive(scorer: Bm25fScorer, queries: readonly QueryTerm[][]): void {
  let exhaustive = 0;
  let pruned = 0;
  for (const query of queries) {
    for (const k of DEPTHS) {
      const before = scorer.work.scanned + scorer.work.lookedUp;
      const expected = scorer.searchExhaustive(query, k);
      const middle = scorer.work.scanned + scorer.work.lookedUp;
      expect(scorer.search(query, k), JSON.stringify({ query, k })).toEqual(expected);
      exhaustive += middle - before;
      pruned += scorer.work.scanned + scorer.work.lookedUp - middle;
    }
  }
  // Pruning must have happened, or the comparison proves nothing about it.
  expect(pruned).toBeLessThan(0.8 * exhaustive);
}

describe('MaxScore search', () => {
  const { postings } = buildPostings(syntheticCorpus(4000, 7), DEFAULT_ANALYZER_OPTIONS);
  const queries = randomQueries(postings, 150, 11);

  it('returns exactly the exhaustive hits and scores, ties included, at every depth', () => {
    expectSameAsExhaustive(new Bm25fScorer(postings, SCORING), queries);
  });

  it('stays exact when a field weighs nothing and when the query repeats a term', () => {
    const noTitle = new Bm25fScorer(postings, { ...SCORING, fieldWeights: { title: 0, section: 1.5, body: 1 } });
    expectSameAsExhaustive(noTitle, queries);
    const repeated = queries.map((q) => [...q, { ...q[0]! }]);
    for (const query of repeated.slice(0, 30)) {
      expect(noTitle.search(query, 10)).toEqual(noTitle.searchExhaustive(query, 10));
    }
  });

  it('scores the same whatever order the query lists its terms in', () => {
    const scorer = new Bm25fScorer(postings, SCORING);
    for (const query of queries.slice(0, 40)) {
      expect(scorer.search([...query].reverse(), 10)).toEqual(scorer.search(query, 10));
    }
  });
});

describe.skipIf(!existsSync(SHARED))('MaxScore search on SciFact', () => {
  it('returns the exhaustive top k for every query, with and without RM3-weighted extra terms', async () => {
    const docs = await readBeirCorpus(path.join(SHARED, 'scifact', 'corpus.jsonl'));
    const texts = [...(await readBeirQueries(path.join(SHARED, 'scifact', 'queries.jsonl'))).values()];
    const { postings, analyzer } = buildPostings(
      docs.map((d) => ({ title: d.title, section: '', text: d.text })),
      DEFAULT_ANALYZER_OPTIONS,
    );
    const ids = new Map(postings.terms.map((t, i) => [t, i]));
    const analyzed = (q: string, a: Analyzer) => [...new Set(a.analyzeQuery(q))].filter((t) => ids.has(t));
    const lent = randomQueries(postings, texts.length, 5);
    const queries = texts.map((q, i) => {
      const own = analyzed(q, analyzer).map((t) => ({ id: ids.get(t)!, count: 1 }));
      // RM3 lends words at a tenth of the query's weight, on top of the question's own.
      const extra = lent[i]!.filter((t) => !own.some((o) => o.id === t.id)).map((t) => ({ id: t.id, count: 0.05 }));
      return i % 2 === 0 ? own : [...own, ...extra];
    });
    expectSameAsExhaustive(
      new Bm25fScorer(postings, SCORING),
      queries.filter((q) => q.length > 0),
    );
  }, 60_000);
});
