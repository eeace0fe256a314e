import type { LexicalSearcher } from '../store/types.ts';

/** A term the index knows that a misspelt query word probably meant, and its share of the word's weight. */
export interface TypoAlternative {
  id: number;
  term: string;
  /** Multiplies the word's count: the typo weight per edit, split among alternatives by frequency. */
  weight: number;
}

/** Words shorter than this are never corrected: short words sit within an edit of too many others. */
const MIN_LENGTH = 5;

/** From this length a word may be two edits off ("establishmnets", "digitalisaton"). */
const TWO_EDITS_FROM = 8;

/** Most alternatives kept per word. */
const MAX_ALTERNATIVES = 3;

/**
 * The edits a word of `length` letters may be away from what it meant: none below MIN_LENGTH,
 * one up to 7 letters, two from TWO_EDITS_FROM (as Elasticsearch's AUTO fuzziness scales, a
 * little stricter for short words, which stems make shorter still).
 */
export function allowedEdits(length: number): number {
  return length < MIN_LENGTH ? 0 : length < TWO_EDITS_FROM ? 1 : 2;
}

/**
 * For each analyzed query term the index does not know and that is a plain word (no digit,
 * code, identifier term or syllable pair: "Circular 46" must never match 49), the known terms
 * it probably meant: the closest ones (fewest edits; see LexicalSearcher.closeTerms), at most
 * MAX_ALTERNATIVES, each weighted `typoWeight` per edit and by its share of the alternatives'
 * passage frequency (a common word is the likelier intent than a rare one at the same
 * distance). A correctly typed word the corpus lacks may thus match a neighbour, at a
 * fraction of a typed word's weight. Off when `typoWeight` is 0 or for a Vietnamese question
 * (its syllables are short and close to one another; folding already forgives missing accents).
 */
export function correctTypos(
  lexical: LexicalSearcher,
  terms: Iterable<string>,
  vietnamese: boolean,
): Map<string, TypoAlternative[]> {
  const corrections = new Map<string, TypoAlternative[]>();
  const typoWeight = lexical.options.typoWeight;
  if (vietnamese || !(typoWeight > 0)) return corrections;
  for (const term of terms) {
    if (corrections.has(term) || lexical.termId(term) !== undefined) continue;
    const edits = allowedEdits(term.length);
    if (edits === 0) continue;
    const close = lexical.closeTerms(term, edits);
    const distance = close[0]?.distance;
    if (distance === undefined) continue;
    const nearest = close.filter((c) => c.distance === distance).slice(0, MAX_ALTERNATIVES);
    const total = nearest.reduce((sum, c) => sum + c.df, 0);
    const weight = typoWeight ** distance;
    corrections.set(
      term,
      nearest.map((c) => ({ id: c.id, term: c.term, weight: total > 0 ? (weight * c.df) / total : 0 })),
    );
  }
  return corrections;
}
