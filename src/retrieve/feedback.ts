/** A passage read for feedback: its analyzed terms and its first-pass score. */
export interface FeedbackPassage {
  terms: readonly string[];
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
 */
export function expandQuery(
  query: ReadonlyMap<string, number>,
  passages: readonly FeedbackPassage[],
  settings: FeedbackSettings,
  isEligible: (term: string) => boolean = () => true,
): Map<string, number> {
  const expanded = new Map(query);
  if (passages.length === 0 || settings.terms <= 0 || settings.queryWeight >= 1) return expanded;
  const best = Math.max(...passages.map((p) => p.score));
  const model = new Map<string, number>();
  for (const passage of passages) {
    const relative = Math.exp(passage.score - best);
    // A passage a million times less likely than the best adds nothing but vanishing weights.
    if (passage.terms.length === 0 || relative < MIN_RELATIVE_WEIGHT) continue;
    const weight = relative / passage.terms.length;
    for (const term of passage.terms) {
      if (isEligible(term)) model.set(term, (model.get(term) ?? 0) + weight);
    }
  }
  // Heaviest first; ties in code-unit order so the expansion does not depend on passage order.
  const top = [...model].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, settings.terms);
  const modelMass = top.reduce((sum, [, w]) => sum + w, 0);
  const queryMass = [...query.values()].reduce((sum, w) => sum + w, 0);
  if (modelMass <= 0 || queryMass <= 0) return expanded;
  const scale = ((1 - settings.queryWeight) / settings.queryWeight) * (queryMass / modelMass);
  for (const [term, w] of top) expanded.set(term, (expanded.get(term) ?? 0) + w * scale);
  return expanded;
}
