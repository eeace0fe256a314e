import type { SearchResult, WeightedTerm } from '../types.ts';
import type { ResultTerms } from './passage-terms.ts';

/**
 * Below this share of the question's weight covered by the best window of the top passages,
 * no passage clearly answers. Calibrated on the project's question set and the shared seed
 * questions (see the ranking note): off-topic questions cover at most 0.33 in a window (a
 * word or two like "medical", "regulations"), answerable ones at least 0.45 but for a
 * question whose one content word the corpus writes otherwise ("telemedicine rules" for
 * "Regulating … Telemedicine": 0.30).
 */
export const WEAK_COVERAGE = 0.35;

/**
 * Terms in a window: about one sentence (stop words are not terms, so 12 terms are some 20–25
 * words). A question is answered where its words meet, not anywhere in a passage: measured in
 * a window of fixed size, coverage does not grow with the chunk size (a section-sized chunk
 * holds a bit of every question).
 */
export const COVERAGE_WINDOW = 12;

/** Passages looked at: the answer's first screen. */
const LOOKED_AT = 3;

/**
 * True when no passage clearly answers the question: none is about an instrument the question
 * names, and in none of the first three does a window of COVERAGE_WINDOW consecutive terms,
 * with the passage's headings, cover WEAK_COVERAGE of the question's weighted terms. A question
 * without terms has nothing to answer it. `asking` are the terms of the words that ask for the
 * kind of answer ("deadline", "what year", "how many", "rules"; question-intent.ts): they count
 * where a passage holds them and are not missed where it does not (see {@link windowCoverage}).
 */
export function isWeakAnswer(
  terms: readonly WeightedTerm[],
  results: readonly SearchResult[],
  termsOf: (result: SearchResult) => ResultTerms,
  asking: ReadonlySet<string> = new Set(),
): boolean {
  if (results.some((r) => r.relation === 'named')) return false;
  if (terms.length === 0 || results.length === 0) return true;
  const coverage = (r: SearchResult) => windowCoverage(terms, termsOf(r), COVERAGE_WINDOW, asking);
  const best = Math.max(...results.slice(0, LOOKED_AT).map(coverage));
  return best < WEAK_COVERAGE;
}

/**
 * The largest share of the question's weight that the passage's headings and any
 * `window` consecutive terms of its text cover together, in [0, 1]; one pass over the text.
 * Terms in `asking` ask for the kind of answer rather than name the topic: an answer states a
 * date rather than the word "deadline", a share rather than "percentage", so they weigh only
 * where they are held (in the share and in the whole it is a share of), and a question of
 * such words alone is measured on all of them.
 */
export function windowCoverage(
  terms: readonly WeightedTerm[],
  passage: ResultTerms,
  window = COVERAGE_WINDOW,
  asking: ReadonlySet<string> = new Set(),
): number {
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  if (total <= 0) return 0;
  const topic = terms.reduce((sum, t) => sum + (asking.has(t.term) ? 0 : t.weight), 0);
  // Only words asking for the kind of answer: they are the topic.
  const framing = topic > 0 ? asking : new Set<string>();
  const weights = new Map<string, number>();
  let headed = 0;
  let headedAsking = 0;
  for (const t of terms) {
    if (passage.heading.has(t.term)) {
      headed += t.weight;
      if (framing.has(t.term)) headedAsking += t.weight;
    } else weights.set(t.term, t.weight);
  }
  const inWindow = new Map<string, number>();
  let covered = 0;
  let coveredAsking = 0;
  const share = () => (headed + covered) / (topic > 0 ? topic + headedAsking + coveredAsking : total);
  let best = share();
  const { body } = passage;
  for (let i = 0; i < body.length; i++) {
    const entering = body[i]!;
    const w = weights.get(entering);
    if (w !== undefined) {
      const n = inWindow.get(entering) ?? 0;
      if (n === 0) {
        covered += w;
        if (framing.has(entering)) coveredAsking += w;
      }
      inWindow.set(entering, n + 1);
    }
    const leaving = i >= window ? body[i - window]! : undefined;
    const lw = leaving === undefined ? undefined : weights.get(leaving);
    if (leaving !== undefined && lw !== undefined) {
      const n = inWindow.get(leaving)! - 1;
      inWindow.set(leaving, n);
      if (n === 0) {
        covered -= lw;
        if (framing.has(leaving)) coveredAsking -= lw;
      }
    }
    best = Math.max(best, share());
  }
  return Math.min(1, best);
}
