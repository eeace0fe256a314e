import type { LexicalHit } from '../types.ts';
import { bm25Idf } from './bm25.ts';
import { fieldFactors } from './field-factors.ts';
import { LEXICAL_FIELDS, type ScoringOptions } from './lexical-options.ts';
import { type PlannedTerm, searchMaxScore, type TermAccumulator } from './max-score.ts';
import type { Postings } from './postings.ts';
import { selectTopK } from './top-k.ts';

const FIELD_COUNT = LEXICAL_FIELDS.length;

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
  /** Postings read by scans and candidates looked up by the searches so far: what pruning saves shows here. */
  readonly work = { scanned: 0, lookedUp: 0 };
  /** Term id → its largest pseudo-tf in any document (NaN until first asked for). */
  private readonly maxPseudoTf: Float32Array;

  constructor(
    private readonly postings: Postings,
    readonly scoring: ScoringOptions,
  ) {
    const n = postings.docCount;
    this.factors = fieldFactors(postings, scoring);
    this.weights = LEXICAL_FIELDS.map((field) => scoring.fieldWeights[field]);
    // Scratch space reused by every search: searching is synchronous, so no two overlap.
    this.scores = new Float32Array(n);
    this.pseudoTf = new Float32Array(n);
    this.scored = new Uint32Array(n);
    this.termDocs = new Uint32Array(n);
    this.candidates = new Uint32Array(n);
    this.maxPseudoTf = new Float32Array(postings.terms.length).fill(Number.NaN);
  }

  /**
   * The top `k` documents for the given query terms, best first (ties: lower doc first).
   * Dynamic pruning (MaxScore) skips most postings of terms that cannot lift a document into
   * the top `k`; hits and scores are those of {@link searchExhaustive}.
   */
  search(terms: readonly QueryTerm[], k: number): LexicalHit[] {
    return searchMaxScore(this, this.plan(terms), k);
  }

  /** `search` scoring every posting of every term: the reference the pruned search must equal. */
  searchExhaustive(terms: readonly QueryTerm[], k: number): LexicalHit[] {
    let count = 0;
    for (const term of this.plan(terms)) count = this.scan(term, count);
    const hits = selectTopK(this.scores, this.scored, count, k);
    this.clear(count);
    return hits;
  }

  /**
   * Adds `term`'s contribution to every document its postings list, listing documents met for
   * the first time in `scored` after the `count` already there; returns the new count.
   */
  scan(term: PlannedTerm, count: number): number {
    this.work.scanned += term.postings;
    return this.saturate(term.weight, this.accumulate(term.id), count);
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
        p = _gallop(docs, p, end, doc);
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
    for (let i = 0; i < count; i++) this.scores[this.scored[i]!] = 0;
  }

  /**
   * The terms with their weights (count · idf) and the most each can add to a score, in the
   * canonical order: largest bound first, then lower id.
   */
  private plan(terms: readonly QueryTerm[]): PlannedTerm[] {
    const { df, docCount, offsets } = this.postings;
    const { k1 } = this.scoring;
    const planned = terms.map(({ id, count }) => {
      const weight = count * bm25Idf(df[id]!, docCount);
      const most = this.mostPseudoTf(id);
      const postings = offsets[(id + 1) * FIELD_COUNT]! - offsets[id * FIELD_COUNT]!;
      return { id, weight, bound: most > 0 ? (weight * most) / (k1 + most) : 0, postings };
    });
    return planned.sort((a, b) => b.bound - a.bound || a.id - b.id);
  }

  /** Sums term `id`'s weighted, normalised tfs over the fields into `pseudoTf`; returns how many documents (listed in `termDocs`). */
  private accumulate(id: number): number {
    const { offsets, docs, tfs } = this.postings;
    const { factors, pseudoTf, termDocs } = this;
    let termDocCount = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
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

  /** Saturates the pseudo-tfs gathered for one term into the scores; returns the scored count. */
  private saturate(weight: number, termDocCount: number, count: number): number {
    const { k1 } = this.scoring;
    const { scores, pseudoTf, scored, termDocs } = this;
    let scoredCount = count;
    for (let i = 0; i < termDocCount; i++) {
      const doc = termDocs[i]!;
      const tf = pseudoTf[doc]!;
      pseudoTf[doc] = 0;
      if (scores[doc] === 0) scored[scoredCount++] = doc;
      scores[doc]! += (weight * tf) / (k1 + tf);
    }
    return scoredCount;
  }

  /** The largest pseudo-tf of term `id` in any document, computed on first use (one pass over its postings). */
  private mostPseudoTf(id: number): number {
    const known = this.maxPseudoTf[id]!;
    if (!Number.isNaN(known)) return known;
    const termDocCount = this.accumulate(id);
    const { pseudoTf, termDocs } = this;
    let most = 0;
    for (let i = 0; i < termDocCount; i++) {
      const doc = termDocs[i]!;
      most = Math.max(most, pseudoTf[doc]!);
      pseudoTf[doc] = 0;
    }
    this.maxPseudoTf[id] = most;
    return most;
  }
}

/** The first index in [from, end) whose doc is ≥ `doc` (`end` if none): doubling steps, then bisection. */
function _gallop(docs: Uint32Array, from: number, end: number, doc: number): number {
  if (docs[from]! >= doc) return from;
  let low = from;
  let step = 1;
  while (low + step < end && docs[low + step]! < doc) {
    low += step;
    step *= 2;
  }
  // docs[low] < doc; the answer is in (low, high].
  let high = Math.min(low + step, end);
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (docs[mid]! < doc) low = mid;
    else high = mid;
  }
  return high;
}
