import { bm25LengthNorm } from './bm25.ts';
import { LEXICAL_FIELDS, type ScoringOptions } from './lexical-options.ts';
import type { Postings } from './postings.ts';

const FIELD_COUNT = LEXICAL_FIELDS.length;

/**
 * doc·F + f → w_f / lengthNorm(len_f): what one occurrence of a term in field f of the
 * document adds to its BM25F pseudo-tf, each field normalised against its own mean length.
 * Precomputed so that scoring a posting is one multiply-add.
 */
export function fieldFactors(postings: Postings, scoring: ScoringOptions): Float32Array {
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
