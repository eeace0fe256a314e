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
  // Entries in order of first appearance.
  const at = new Map<number, number>();
  const fused: Ranked[] = [];
  lists.forEach((list, li) => {
    const weight = options.weights?.[li] ?? 1;
    for (let i = 0; i < list.length; i++) {
      const doc = list[i]!.doc;
      const add = weight / (k + i + 1);
      const entry = at.get(doc);
      if (entry === undefined) {
        at.set(doc, fused.length);
        fused.push({ doc, score: add });
      } else fused[entry]!.score += add;
    }
  });
  // A stable sort: equal scores keep the order of first appearance.
  return fused.sort((a, b) => b.score - a.score);
}
