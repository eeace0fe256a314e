/** A passage read for feedback: its analyzed terms (strings or term ids) and its first-pass score. */
export interface FeedbackPassage<T = string> {
  terms: ArrayLike<T>;
  score: number;
}

/** How the feedback model is built and mixed into the query. */
export interface FeedbackSettings {
  /** Expansion terms kept (the heaviest in the feedback model). */
  terms: number;
  /** Share of the final weight kept by the query's own terms, in (0, 1]. */
  queryWeight: number;
}

const MIN_RELATIVE_WEIGHT = 1e-6;

/** Code-unit order, the tie-break for string terms. */
const byCodeUnits = (a: unknown, b: unknown): number => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

/**
 * RM3 pseudo-relevance feedback (Lavrenko & Croft's relevance model, interpolated with the
 * query as Anserini does): the top passages of a first search are assumed relevant, a term
 * model is estimated from them, and its heaviest terms are added to the query.
 *
 *   P(w|R) ∝ Σ_d P(w|d) · P(d|q),   P(w|d) = tf(w, d) / |d|,   P(d|q) ∝ exp(score_d − max score)
 *
 * treating the BM25 score as a log-likelihood, so a passage far below the best counts little.
 * The `terms` heaviest words are kept and renormalised; the result is the query's own term
 * counts plus those words scaled so they carry (1 − queryWeight) of the total weight. The
 * query's terms keep their counts, so scores stay on the scale of the unexpanded query.
 * `isEligible` screens expansion candidates (identifier terms, for instance, stay out).
 * `weightOf` is what a term weighs in a score besides its count (BM25's idf; 1 by default):
 * the shares are shares of counts × weights (see {@link feedbackTerms}).
 */
export function expandQuery(
  query: ReadonlyMap<string, number>,
  passages: readonly FeedbackPassage[],
  settings: FeedbackSettings,
  isEligible: (term: string) => boolean = () => true,
  weightOf: (term: string) => number = () => 1,
): Map<string, number> {
  const expanded = new Map(query);
  let queryMass = 0;
  for (const [term, count] of query) queryMass += count * weightOf(term);
  for (const [term, w] of feedbackTerms(queryMass, passages, settings, isEligible, byCodeUnits, weightOf))
    expanded.set(term, (expanded.get(term) ?? 0) + w);
  return expanded;
}

/**
 * The expansion part of {@link expandQuery}: the terms to add and the weight each adds, heaviest
 * first, for a query whose counts × `weightOf` sum to `queryMass`. Terms may be strings or term
 * ids; ties are broken by `order` (for ids, the order of their strings), so the expansion does
 * not depend on passage order.
 *
 * The lent words carry (1 − queryWeight) / queryWeight of `queryMass`, measured the same way:
 * with `weightOf` = idf, as the score weighs them. Counted in plain counts, a question's
 * common words ("what", "year", "Vietnam" in a corpus about Vietnam: idf near 0), which add
 * nothing to a score, would still add to the mass the lent words are scaled to, while the lent
 * words are rare ones (idf high): in "by what year does Vietnam expect to reach its healthcare
 * vision" the first passage's own words ("India", "imports") then added half its score.
 */
export function feedbackTerms<T>(
  queryMass: number,
  passages: readonly FeedbackPassage<T>[],
  settings: FeedbackSettings,
  isEligible: (term: T) => boolean = () => true,
  order: (a: T, b: T) => number = byCodeUnits,
  weightOf: (term: T) => number = () => 1,
): [T, number][] {
  if (passages.length === 0 || settings.terms <= 0 || settings.queryWeight >= 1) return [];
  let best = -Infinity;
  for (const p of passages) best = Math.max(best, p.score);
  const model = new Map<T, number>();
  for (const passage of passages) {
    const relative = Math.exp(passage.score - best);
    // A passage a million times less likely than the best adds nothing but vanishing weights.
    if (passage.terms.length === 0 || relative < MIN_RELATIVE_WEIGHT) continue;
    const weight = relative / passage.terms.length;
    for (let i = 0; i < passage.terms.length; i++) {
      const term = passage.terms[i]!;
      if (isEligible(term)) model.set(term, (model.get(term) ?? 0) + weight);
    }
  }
  const top = [...model].sort((a, b) => b[1] - a[1] || order(a[0], b[0])).slice(0, settings.terms);
  const modelMass = top.reduce((sum, [term, w]) => sum + w * weightOf(term), 0);
  if (modelMass <= 0 || queryMass <= 0) return [];
  const scale = ((1 - settings.queryWeight) / settings.queryWeight) * (queryMass / modelMass);
  return top.map(([term, w]) => [term, w * scale]);
}
