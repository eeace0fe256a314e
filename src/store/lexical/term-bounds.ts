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
 * pseudo-tf over the documents, found on a term's first use and kept (a term's postings
 * never change).
 */
export class TermBounds {
  /** Term id → its largest pseudo-tf in any document (NaN until first asked for). */
  private readonly maxPseudoTf: Float32Array;

  constructor(
    private readonly postings: Postings,
    private readonly scoring: ScoringOptions,
    /** Term id → its largest pseudo-tf in any document, by one pass over its postings (the scorer's). */
    private readonly largestPseudoTf: (id: number) => number,
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

  /** The largest pseudo-tf of term `id` in any document, computed on first use. */
  private mostPseudoTf(id: number): number {
    let most = this.maxPseudoTf[id]!;
    if (Number.isNaN(most)) this.maxPseudoTf[id] = most = this.largestPseudoTf(id);
    return most;
  }
}
