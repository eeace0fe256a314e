/** A scored item in one ranked list; `doc` is a chunk ordinal. */
export interface Ranked {
  doc: number;
  score: number;
}

export interface FuseOptions {
  /**
   * RRF constant. 60 is the value from Cormack et al. (2009) and the common default: it damps
   * the gap between rank 1 and rank 2 so one list cannot dominate with a single lucky hit.
   */
  k?: number;
  /** Per-list weights, same order as the lists (default 1 each). */
  weights?: number[];
}

/** Default RRF constant; see FuseOptions.k. */
export const RRF_K = 60;

/**
 * Reciprocal-rank fusion: score(d) = Σ_i w_i / (k + rank_i(d)), ranks 1-based.
 * Rank fusion, not score fusion: BM25 scores and cosine similarities live on different
 * scales, so adding them raw lets whichever scale is larger win. Ties keep the order of
 * first appearance (earlier list first), so results are deterministic.
 */
export function fuseRankings(lists: readonly (readonly Ranked[])[], options: FuseOptions = {}): Ranked[] {
  const k = options.k ?? RRF_K;
  const fused = new Map<number, { score: number; order: number }>();
  let order = 0;
  lists.forEach((list, li) => {
    const weight = options.weights?.[li] ?? 1;
    list.forEach((hit, i) => {
      const add = weight / (k + i + 1);
      const entry = fused.get(hit.doc);
      if (entry) entry.score += add;
      else fused.set(hit.doc, { score: add, order: order++ });
    });
  });
  return [...fused.entries()]
    .sort((a, b) => b[1].score - a[1].score || a[1].order - b[1].order)
    .map(([doc, { score }]) => ({ doc, score }));
}
