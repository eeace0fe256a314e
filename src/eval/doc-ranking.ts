/** A scored item; `doc` is an ordinal (a chunk's or a document's, as the caller says). */
export interface ScoredDoc {
  doc: number;
  score: number;
}

/**
 * Turns chunk hits into a document ranking: each document scores as its BEST chunk (the
 * maximum over its chunks' scores), appears once, and the top `k` documents are kept.
 * Ties keep the order in which the documents first appeared, so the result is deterministic.
 * Callers fetch more chunks than `k` (a document can hold several of the top chunks) so that
 * `k` documents survive.
 */
export function bestChunkPerDoc(
  hits: readonly ScoredDoc[],
  docOfChunk: (chunk: number) => number,
  k: number,
): ScoredDoc[] {
  const best = new Map<number, { score: number; order: number }>();
  hits.forEach((hit, order) => {
    const doc = docOfChunk(hit.doc);
    const seen = best.get(doc);
    if (!seen) best.set(doc, { score: hit.score, order });
    else if (hit.score > seen.score) seen.score = hit.score;
  });
  return [...best.entries()]
    .sort((a, b) => b[1].score - a[1].score || a[1].order - b[1].order)
    .slice(0, k)
    .map(([doc, { score }]) => ({ doc, score }));
}
