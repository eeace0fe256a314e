import { describe, expect, it } from 'vitest';
import { bm25Idf, bm25LengthNorm, bm25TermScore } from '../../../src/store/lexical/bm25.ts';
import { Bm25fScorer, type QueryTerm } from '../../../src/store/lexical/bm25f-scorer.ts';
import { fieldFactors } from '../../../src/store/lexical/field-factors.ts';
import type { LexicalInput, ScoringOptions } from '../../../src/store/lexical/lexical-options.ts';
import { buildPostings } from '../../../src/store/lexical/postings.ts';
import { prng } from '../../fixtures/prng.ts';
import { BARE } from './bare-options.ts';

const BODY_ONLY: ScoringOptions = { k1: 1.2, b: 0.75, fieldWeights: { title: 1, section: 1, body: 1 } };
const body = (text: string): LexicalInput => ({ title: '', section: '', text });

function scorerFor(inputs: LexicalInput[], scoring: ScoringOptions) {
  const { postings } = buildPostings(inputs, BARE);
  const id = (term: string) => postings.terms.indexOf(term);
  const query = (...terms: string[]): QueryTerm[] => terms.map((t) => ({ id: id(t), count: 1 }));
  return { scorer: new Bm25fScorer(postings, scoring), query };
}

describe('Bm25fScorer', () => {
  // Body lengths 3, 2, 4, 1: avgdl 2.5, N 4.
  const bodies = ['alpha beta beta', 'beta gamma', 'gamma gamma gamma delta', 'delta'];
  const { scorer, query } = scorerFor(bodies.map(body), BODY_ONLY);

  it('scores a single-field collection exactly as plain BM25', () => {
    const score = (tf: number, dl: number, df: number) => bm25TermScore(tf, dl, 2.5, df, 4, 1.2, 0.75);
    // "beta": df 2, tf 2 in doc 0 (dl 3) and tf 1 in doc 1 (dl 2). "gamma": df 2, tf 1 in doc 1, tf 3 in doc 2 (dl 4).
    const hits = scorer.search(query('beta', 'gamma'), 10);
    // idf ln 2 for both. Doc 1: norm 0.25 + 0.75·2/2.5 = 0.85, each term ln2·(1/0.85)/(1.2 + 1/0.85) ≈ 0.3431, sum ≈ 0.6863;
    // doc 2: norm 1.45, ln2·(3/1.45)/(1.2 + 3/1.45) ≈ 0.4387; doc 0: norm 1.15, ln2·(2/1.15)/(1.2 + 2/1.15) ≈ 0.4101.
    expect(hits.map((h) => h.doc)).toEqual([1, 2, 0]);
    expect(hits[0]!.score).toBeCloseTo(0.6863, 4);
    const byDoc = new Map(hits.map((h) => [h.doc, h.score]));
    expect(byDoc.get(0)).toBeCloseTo(score(2, 3, 2), 5);
    expect(byDoc.get(1)).toBeCloseTo(score(1, 2, 2) + score(1, 2, 2), 5);
    expect(byDoc.get(2)).toBeCloseTo(score(3, 4, 2), 5);
    expect(byDoc.has(3)).toBe(false);
  });

  it('multiplies a term’s contribution by its count', () => {
    const once = scorer.search(query('delta'), 10);
    const twice = scorer.search([{ id: query('delta')[0]!.id, count: 2 }], 10);
    const half = scorer.search([{ id: query('delta')[0]!.id, count: 0.5 }], 10);
    expect(twice.map((h) => h.doc)).toEqual(once.map((h) => h.doc));
    for (const [i, h] of twice.entries()) expect(h.score).toBeCloseTo(2 * once[i]!.score, 5);
    for (const [i, h] of half.entries()) expect(h.score).toBeCloseTo(0.5 * once[i]!.score, 5);
  });

  it('returns nothing for no query terms, and forgets one search before the next', () => {
    expect(scorer.search([], 10)).toEqual([]);
    const first = scorer.search(query('alpha', 'delta'), 10);
    scorer.search(query('gamma'), 10);
    expect(scorer.search(query('alpha', 'delta'), 10)).toEqual(first);
  });

  it('keeps the best k', () => {
    expect(scorer.search(query('beta', 'gamma', 'delta'), 2)).toEqual(
      scorer.search(query('beta', 'gamma', 'delta'), 10).slice(0, 2),
    );
    expect(scorer.search(query('beta'), 0)).toEqual([]);
  });

  it('saturates once over all fields, each normalised by its own mean length', () => {
    const scoring: ScoringOptions = { k1: 1.2, b: 0.75, fieldWeights: { title: 2, section: 1.5, body: 1 } };
    const inputs: LexicalInput[] = [
      { title: 'telemedicine rules', section: '', text: 'hospitals offer telemedicine to patients' },
      { title: 'records', section: 'telemedicine', text: 'telemedicine telemedicine records' },
      { title: 'vaccines', section: '', text: 'store vaccines cold' },
    ];
    const { scorer: fielded, query: q } = scorerFor(inputs, scoring);
    // Mean lengths: title (2 + 1 + 1) / 3, section (0 + 1 + 0) / 3, body (5 + 3 + 3) / 3.
    const [title, section, bodyMean] = [4 / 3, 1 / 3, 11 / 3];
    const tf0 = (2 * 1) / bm25LengthNorm(2, title, 0.75) + (1 * 1) / bm25LengthNorm(5, bodyMean, 0.75);
    const tf1 = (1.5 * 1) / bm25LengthNorm(1, section, 0.75) + (1 * 2) / bm25LengthNorm(3, bodyMean, 0.75);
    const idf = bm25Idf(2, 3);
    const hits = fielded.search(q('telemedicine'), 10);
    const byDoc = new Map(hits.map((h) => [h.doc, h.score]));
    expect(hits).toHaveLength(2);
    expect(byDoc.get(0)).toBeCloseTo((idf * tf0) / (1.2 + tf0), 5);
    expect(byDoc.get(1)).toBeCloseTo((idf * tf1) / (1.2 + tf1), 5);
  });

  it('never returns a document whose only match is in a field weighted zero', () => {
    const inputs: LexicalInput[] = [
      { title: 'telemedicine', section: '', text: 'rules' },
      { title: 'rules', section: '', text: 'telemedicine rules' },
    ];
    const { scorer: noTitle, query: q } = scorerFor(inputs, {
      k1: 1.2,
      b: 0.75,
      fieldWeights: { title: 0, section: 1, body: 1 },
    });
    expect(noTitle.search(q('telemedicine'), 10).map((h) => h.doc)).toEqual([1]);
  });

  it('scores a term as BM25F does in float32, field after field, wherever the term occurs', () => {
    const scoring: ScoringOptions = { k1: 0.9, b: 0.5, fieldWeights: { title: 2, section: 1.5, body: 1 } };
    const rand = prng(17);
    const words = (n: number) => Array.from({ length: n }, () => `w${Math.floor(rand() * 12)}`).join(' ');
    const inputs = Array.from({ length: 300 }, () => ({
      title: words(Math.floor(rand() * 4)),
      section: words(Math.floor(rand() * 3)),
      text: words(Math.floor(rand() * 12)),
    }));
    const { postings } = buildPostings(inputs, BARE);
    const scorer = new Bm25fScorer(postings, scoring);
    const factors = fieldFactors(postings, scoring);
    for (let id = 0; id < postings.terms.length; id++) {
      const pseudo = new Map<number, number>();
      for (let f = 0; f < 3; f++) {
        for (let p = postings.offsets[id * 3 + f]!; p < postings.offsets[id * 3 + f + 1]!; p++) {
          const doc = postings.docs[p]!;
          pseudo.set(doc, Math.fround((pseudo.get(doc) ?? 0) + postings.tfs[p]! * factors[doc * 3 + f]!));
        }
      }
      const weight = 1.5 * bm25Idf(postings.df[id]!, postings.docCount);
      const expected = new Map([...pseudo].map(([doc, tf]) => [doc, Math.fround((weight * tf) / (0.9 + tf))]));
      const hits = scorer.search([{ id, count: 1.5 }], postings.docCount);
      expect(new Map(hits.map((h) => [h.doc, h.score])), postings.terms[id]).toEqual(expected);
    }
  });
});
