import type { LexicalHit } from '../types.ts';
import { bm25Idf, bm25LengthNorm } from './bm25.ts';
import { LEXICAL_FIELDS, type ScoringOptions } from './lexical-options.ts';
import type { Postings } from './postings.ts';
import { selectTopK } from './top-k.ts';

const FIELD_COUNT = LEXICAL_FIELDS.length;
/** Postings store term frequencies capped at this (Uint16). */
const MAX_TF = 0xffff;

/** Documents a search matched and their scores, in no particular order. */
export interface ScoredDocs {
  docs: Uint32Array;
  scores: Float32Array;
}

/** A query term as a term id and its weight: how often the query repeats it, or a fractional weight. */
export interface QueryTerm {
  id: number;
  count: number;
}

/**
 * BM25F scoring ("simple BM25F", Robertson & Zaragoza 2009): each field's tf is length-
 * normalised against that field's mean length, weighted, and summed into one pseudo-tf,
 *
 *   tf' = Σ_f w_f · tf_f / (1 − b + b · len_f / avglen_f),   score += idf · tf' / (k1 + tf'),
 *
 * which saturates once over all fields. A weighted sum of per-field BM25 scores would let a
 * word in the title and again in the body count twice at full strength, and its idf would
 * count per field. A single-field collection scores exactly as plain BM25 (see bm25.ts).
 */
export class Bm25fScorer {
  /** doc·F + f → w_f / lengthNorm, so the inner loop is one multiply-add per posting. */
  private readonly factors: Float32Array;
  private readonly scores: Float32Array;
  private readonly pseudoTf: Float32Array;
  private readonly scored: Uint32Array;
  private readonly termDocs: Uint32Array;
  private readonly weights: number[];
  /** float32 cells for scoreDoc: the running score and the pseudo-tf, rounded as `search` rounds them. */
  private readonly oneScore = new Float32Array(2);

  constructor(
    private readonly postings: Postings,
    readonly scoring: ScoringOptions,
  ) {
    const n = postings.docCount;
    this.factors = _fieldFactors(postings, scoring);
    this.weights = LEXICAL_FIELDS.map((field) => scoring.fieldWeights[field]);
    // Scratch space reused by every search: searching is synchronous, so no two overlap.
    this.scores = new Float32Array(n);
    this.pseudoTf = new Float32Array(n);
    this.scored = new Uint32Array(n);
    this.termDocs = new Uint32Array(n);
  }

  /** The top `k` documents for the given query terms, best first (ties: lower doc first). */
  search(terms: readonly QueryTerm[], k: number): LexicalHit[] {
    const scoredCount = this.accumulate(terms);
    const hits = selectTopK(this.scores, this.scored, scoredCount, k);
    this.clear(scoredCount);
    return hits;
  }

  /** `search`, also returning every document the terms match with its score (before the cut). */
  searchKeeping(terms: readonly QueryTerm[], k: number): { hits: LexicalHit[]; scored: ScoredDocs } {
    const count = this.accumulate(terms);
    const hits = selectTopK(this.scores, this.scored, count, k);
    const docs = this.scored.slice(0, count);
    const scores = new Float32Array(count);
    for (let i = 0; i < count; i++) scores[i] = this.scores[docs[i]!]!;
    this.clear(count);
    return { hits, scored: { docs, scores } };
  }

  /** The top `k` of `docs` by the given scores (same order and ties as `search`). */
  selectAmong(docs: Uint32Array, scores: ArrayLike<number>, k: number): LexicalHit[] {
    for (let i = 0; i < docs.length; i++) this.scores[docs[i]!] = scores[i]!;
    const hits = selectTopK(this.scores, docs, docs.length, k);
    for (let i = 0; i < docs.length; i++) this.scores[docs[i]!] = 0;
    return hits;
  }

  /**
   * The score `search` gives document `doc` for `terms`, computed from the document's own
   * term frequencies (`tf(term index, field)`), with the same float32 steps in the same order,
   * so the two agree to the bit.
   */
  scoreDoc(doc: number, terms: readonly QueryTerm[], tf: (term: number, field: number) => number): number {
    const { df, docCount } = this.postings;
    const { k1 } = this.scoring;
    const acc = this.oneScore;
    acc[0] = 0;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t]!;
      acc[1] = 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const n = this.weights[f] === 0 ? 0 : tf(t, f);
        if (n > 0) acc[1]! += Math.min(n, MAX_TF) * this.factors[doc * FIELD_COUNT + f]!;
      }
      const pseudoTf = acc[1]!;
      if (pseudoTf === 0) continue;
      const idf = term.count * bm25Idf(df[term.id]!, docCount);
      acc[0]! += (idf * pseudoTf) / (k1 + pseudoTf);
    }
    return acc[0]!;
  }

  /** Scores every document the terms match into `scores`; returns how many (listed in `scored`). */
  private accumulate(terms: readonly QueryTerm[]): number {
    const { df, offsets, docs, tfs, docCount } = this.postings;
    const { k1 } = this.scoring;
    const { factors, scores, pseudoTf, scored, termDocs } = this;
    let scoredCount = 0;
    for (const term of terms) {
      const idf = term.count * bm25Idf(df[term.id]!, docCount);
      let termDocCount = 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        // A zero weight adds nothing, and skipping it keeps each doc listed once per term.
        if (this.weights[f] === 0) continue;
        const list = term.id * FIELD_COUNT + f;
        for (let p = offsets[list]!, end = offsets[list + 1]!; p < end; p++) {
          const doc = docs[p]!;
          if (pseudoTf[doc] === 0) termDocs[termDocCount++] = doc;
          pseudoTf[doc]! += tfs[p]! * factors[doc * FIELD_COUNT + f]!;
        }
      }
      for (let i = 0; i < termDocCount; i++) {
        const doc = termDocs[i]!;
        const tf = pseudoTf[doc]!;
        pseudoTf[doc] = 0;
        if (scores[doc] === 0) scored[scoredCount++] = doc;
        scores[doc]! += (idf * tf) / (k1 + tf);
      }
    }
    return scoredCount;
  }

  private clear(scoredCount: number): void {
    for (let i = 0; i < scoredCount; i++) this.scores[this.scored[i]!] = 0;
  }
}

function _fieldFactors(postings: Postings, scoring: ScoringOptions): Float32Array {
  const { docCount, lengths } = postings;
  const averages = LEXICAL_FIELDS.map((_, f) => {
    let total = 0;
    for (let doc = 0; doc < docCount; doc++) total += lengths[doc * FIELD_COUNT + f]!;
    return docCount > 0 ? total / docCount : 0;
  });
  const factors = new Float32Array(docCount * FIELD_COUNT);
  LEXICAL_FIELDS.forEach((field, f) => {
    const weight = scoring.fieldWeights[field];
    const average = averages[f]!;
    for (let doc = 0; doc < docCount; doc++) {
      const at = doc * FIELD_COUNT + f;
      factors[at] = weight / bm25LengthNorm(lengths[at]!, average, scoring.b);
    }
  });
  return factors;
}
