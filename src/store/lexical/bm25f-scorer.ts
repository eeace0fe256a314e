import type { LexicalHit } from '../types.ts';
import { gallop } from './doc-lists.ts';
import { fieldFactors } from './field-factors.ts';
import { LEXICAL_FIELDS, type ScoringOptions } from './lexical-options.ts';
import { type PlannedTerm, searchMaxScore, type TermAccumulator } from './max-score.ts';
import type { Postings } from './postings.ts';
import { type QueryTerm, TermBounds } from './term-bounds.ts';
import { selectTopK } from './top-k.ts';

const FIELD_COUNT = LEXICAL_FIELDS.length;

export type { QueryTerm };

/**
 * BM25F scoring ("simple BM25F", Robertson & Zaragoza 2009): each field's tf is length-
 * normalised against that field's mean length, weighted, and summed into one pseudo-tf,
 *
 *   tf' = Σ_f w_f · tf_f / (1 − b + b · len_f / avglen_f),   score += idf · tf' / (k1 + tf'),
 *
 * which saturates once over all fields. A weighted sum of per-field BM25 scores would let a
 * word in the title and again in the body count twice at full strength, and its idf would
 * count per field. A single-field collection scores exactly as plain BM25 (see bm25.ts).
 *
 * Scores are float32 sums of the terms' contributions taken in one canonical order (largest
 * possible contribution first, then term id), whatever order the query lists them in: the
 * order MaxScore processes them (see max-score.ts), so the pruned search returns the
 * exhaustive one's hits and scores to the bit.
 */
export class Bm25fScorer implements TermAccumulator {
  /** doc·F + f → w_f / lengthNorm, so the inner loop is one multiply-add per posting. */
  private readonly factors: Float32Array;
  readonly scores: Float32Array;
  readonly scored: Uint32Array;
  readonly candidates: Uint32Array;
  private readonly pseudoTf: Float32Array;
  private readonly termDocs: Uint32Array;
  private readonly weights: number[];
  /** The last field with a weight: {@link scan} saturates as it reads it. */
  private readonly lastField: number;
  /** Postings read by scans and candidates looked up by the searches so far: what pruning saves shows here. */
  readonly work = { scanned: 0, lookedUp: 0 };
  private readonly bounds: TermBounds;

  constructor(
    private readonly postings: Postings,
    readonly scoring: ScoringOptions,
  ) {
    const n = postings.docCount;
    this.factors = fieldFactors(postings, scoring);
    this.weights = LEXICAL_FIELDS.map((field) => scoring.fieldWeights[field]);
    this.lastField = this.weights.findLastIndex((w) => w !== 0);
    // Scratch space reused by every search: searching is synchronous, so no two overlap.
    this.scores = new Float32Array(n);
    this.pseudoTf = new Float32Array(n);
    this.scored = new Uint32Array(n);
    this.termDocs = new Uint32Array(n);
    this.candidates = new Uint32Array(n);
    this.bounds = new TermBounds(postings, scoring, (id) => this.largestPseudoTf(id));
  }

  /**
   * The top `k` documents for the given query terms, best first (ties: lower doc first).
   * Dynamic pruning (MaxScore) skips most postings of terms that cannot lift a document into
   * the top `k`; hits and scores are those of {@link searchExhaustive}.
   */
  search(terms: readonly QueryTerm[], k: number): LexicalHit[] {
    return searchMaxScore(this, this.bounds.plan(terms), k);
  }

  /** `search` scoring every posting of every term: the reference the pruned search must equal. */
  searchExhaustive(terms: readonly QueryTerm[], k: number): LexicalHit[] {
    let count = 0;
    for (const term of this.bounds.plan(terms)) count = this.scan(term, count);
    const hits = selectTopK(this.scores, this.scored, count, k);
    this.clear(count);
    return hits;
  }

  /**
   * Adds `term`'s contribution to every document its postings list, listing documents met for
   * the first time in `scored` after the `count` already there; returns the new count. The
   * last weighted field (the body) is saturated as it is read: its documents are not listed
   * and read again, and only those met in the other fields alone are saturated after.
   */
  scan(term: PlannedTerm, count: number): number {
    this.work.scanned += term.postings;
    if (this.lastField < 0) return count;
    const termDocCount = this.accumulate(term.id, this.lastField);
    const { offsets, docs, tfs } = this.postings;
    const { factors, pseudoTf, scores, scored } = this;
    const { k1 } = this.scoring;
    const { weight } = term;
    const f = this.lastField;
    const list = term.id * FIELD_COUNT + f;
    let scoredCount = count;
    for (let p = offsets[list]!, end = offsets[list + 1]!; p < end; p++) {
      const doc = docs[p]!;
      // The same float32 steps as accumulate and saturate take one after the other.
      const tf = Math.fround(pseudoTf[doc]! + tfs[p]! * factors[doc * FIELD_COUNT + f]!);
      pseudoTf[doc] = 0;
      if (scores[doc] === 0) scored[scoredCount++] = doc;
      scores[doc]! += (weight * tf) / (k1 + tf);
    }
    return this.saturate(weight, termDocCount, scoredCount);
  }

  /**
   * Adds `term`'s contribution to `candidates[0, n)` (ascending doc order) only, finding them
   * in its postings by galloping search: the cost grows with the candidates, not the list.
   */
  gather(term: PlannedTerm, candidates: Uint32Array, n: number): void {
    const { offsets, docs, tfs } = this.postings;
    const { factors, pseudoTf, termDocs } = this;
    this.work.lookedUp += n;
    let termDocCount = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (this.weights[f] === 0) continue;
      const list = term.id * FIELD_COUNT + f;
      const end = offsets[list + 1]!;
      let p = offsets[list]!;
      for (let c = 0; c < n && p < end; c++) {
        const doc = candidates[c]!;
        p = gallop(docs, p, end, doc);
        if (p < end && docs[p] === doc) {
          if (pseudoTf[doc] === 0) termDocs[termDocCount++] = doc;
          pseudoTf[doc]! += tfs[p]! * factors[doc * FIELD_COUNT + f]!;
        }
      }
    }
    // Every candidate already has a score, so none is listed again.
    this.saturate(term.weight, termDocCount, 0);
  }

  /** Zeroes the scores of the first `count` documents in `scored`, ready for the next search. */
  clear(count: number): void {
    // Past an eighth of the collection, one sequential pass beats scattered writes.
    if (count * 8 > this.scores.length) this.scores.fill(0);
    else for (let i = 0; i < count; i++) this.scores[this.scored[i]!] = 0;
  }

  /** Sums term `id`'s weighted, normalised tfs over the fields before `fieldEnd` into `pseudoTf`; returns how many documents (listed in `termDocs`). */
  private accumulate(id: number, fieldEnd: number = FIELD_COUNT): number {
    const { offsets, docs, tfs } = this.postings;
    const { factors, pseudoTf, termDocs } = this;
    let termDocCount = 0;
    for (let f = 0; f < fieldEnd; f++) {
      // A zero weight adds nothing, and skipping it keeps each doc listed once per term.
      if (this.weights[f] === 0) continue;
      const list = id * FIELD_COUNT + f;
      for (let p = offsets[list]!, end = offsets[list + 1]!; p < end; p++) {
        const doc = docs[p]!;
        if (pseudoTf[doc] === 0) termDocs[termDocCount++] = doc;
        pseudoTf[doc]! += tfs[p]! * factors[doc * FIELD_COUNT + f]!;
      }
    }
    return termDocCount;
  }

  /** Saturates the pseudo-tfs gathered for one term into the scores (those not already: 0); returns the scored count. */
  private saturate(weight: number, termDocCount: number, count: number): number {
    const { k1 } = this.scoring;
    const { scores, pseudoTf, scored, termDocs } = this;
    let scoredCount = count;
    for (let i = 0; i < termDocCount; i++) {
      const doc = termDocs[i]!;
      const tf = pseudoTf[doc]!;
      if (tf === 0) continue;
      pseudoTf[doc] = 0;
      if (scores[doc] === 0) scored[scoredCount++] = doc;
      scores[doc]! += (weight * tf) / (k1 + tf);
    }
    return scoredCount;
  }

  /** The largest pseudo-tf of term `id` in any document: one pass over its postings. */
  private largestPseudoTf(id: number): number {
    const termDocCount = this.accumulate(id);
    const { pseudoTf, termDocs } = this;
    let most = 0;
    for (let i = 0; i < termDocCount; i++) {
      const doc = termDocs[i]!;
      most = Math.max(most, pseudoTf[doc]!);
      pseudoTf[doc] = 0;
    }
    return most;
  }
}
