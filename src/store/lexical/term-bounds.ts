import { bm25Idf } from './bm25.ts';
import { LEXICAL_FIELDS, type ScoringOptions } from './lexical-options.ts';
import type { PlannedTerm } from './max-score.ts';
import type { Postings } from './postings.ts';

const FIELD_COUNT = LEXICAL_FIELDS.length;

/** A query term as a term id and its weight: how often the query repeats it, or a fractional weight. */
export interface QueryTerm {
  id: number;
  count: number;
}

/**
 * The most each term can add to one document's BM25F score, for MaxScore's plan: its largest
 * pseudo-tf over the documents, found on a term's first use by one pass over its postings
 * and kept (a term's postings never change).
 */
export class TermBounds {
  /** Term id → its largest pseudo-tf in any document (NaN until first asked for). */
  private readonly maxPseudoTf: Float32Array;

  constructor(
    private readonly postings: Postings,
    private readonly scoring: ScoringOptions,
    /** doc·F + f → w_f / lengthNorm (see fieldFactors). */
    private readonly factors: Float32Array,
  ) {
    this.maxPseudoTf = new Float32Array(postings.terms.length).fill(Number.NaN);
  }

  /**
   * The terms with their weights (count · idf) and the most each can add to a score, in the
   * canonical order: largest bound first, then lower id.
   */
  plan(terms: readonly QueryTerm[]): PlannedTerm[] {
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

  /**
   * The largest pseudo-tf of term `id` in any document: its field lists merged by document,
   * each document's pseudo-tf summed field after field in float32 as the scorer sums it.
   */
  private mostPseudoTf(id: number): number {
    const known = this.maxPseudoTf[id]!;
    if (!Number.isNaN(known)) return known;
    const { offsets, docs, tfs } = this.postings;
    const weighted = LEXICAL_FIELDS.map((field) => this.scoring.fieldWeights[field] !== 0);
    const at = Array.from({ length: FIELD_COUNT }, (_, f) => offsets[id * FIELD_COUNT + f]!);
    const end = Array.from({ length: FIELD_COUNT }, (_, f) => offsets[id * FIELD_COUNT + f + 1]!);
    let most = 0;
    for (;;) {
      let doc = Number.POSITIVE_INFINITY;
      for (let f = 0; f < FIELD_COUNT; f++) if (weighted[f] && at[f]! < end[f]!) doc = Math.min(doc, docs[at[f]!]!);
      if (doc === Number.POSITIVE_INFINITY) break;
      let pseudoTf = 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        if (!weighted[f] || at[f]! >= end[f]! || docs[at[f]!] !== doc) continue;
        pseudoTf = Math.fround(pseudoTf + tfs[at[f]!]! * this.factors[doc * FIELD_COUNT + f]!);
        at[f]!++;
      }
      most = Math.max(most, pseudoTf);
    }
    this.maxPseudoTf[id] = most;
    return most;
  }
}
