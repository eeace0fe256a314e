import type { Chunk, SearchResult, WeightedTerm } from '../types.ts';
import { coverage } from './query-terms.ts';

/**
 * Below this share of the question's weight covered by the best of the top passages, no
 * passage clearly answers. Calibrated on the project's 80 questions and the 15 shared seed
 * questions: the off-topic questions cover at most 0.25 (a word or two like "medical"),
 * answerable ones at least 0.30 unless typos leave almost every word unknown.
 */
export const WEAK_COVERAGE = 0.28;

/** Passages looked at: the answer's first screen. */
const LOOKED_AT = 3;

/**
 * True when no passage clearly answers the question: none is about an instrument the question
 * names, and none of the first three covers WEAK_COVERAGE of the question's weighted terms
 * (title, section and text together). A question without terms has nothing to answer it.
 */
export function isWeakAnswer(
  terms: readonly WeightedTerm[],
  results: readonly SearchResult[],
  analyze: (chunk: Chunk) => ReadonlySet<string>,
): boolean {
  if (results.some((r) => r.relation === 'named')) return false;
  if (terms.length === 0 || results.length === 0) return true;
  const best = Math.max(...results.slice(0, LOOKED_AT).map((r) => coverage(terms, analyze(r.chunk))));
  return best < WEAK_COVERAGE;
}
