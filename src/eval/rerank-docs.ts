import type { PairScorer } from '../retrieve/retriever.ts';
import type { BeirDoc } from './beir.ts';

/** A ranked document: its ordinal in the dataset and a score, higher is better. */
export interface RankedDoc {
  doc: number;
  score: number;
}

/**
 * Reorders the first `topN` documents by a cross-encoder reading "title text" against the
 * query (the BEIR reranking setup); the rest keep their order below. Scores stay descending.
 */
export async function rerankDocs(
  query: string,
  hits: readonly RankedDoc[],
  docs: readonly BeirDoc[],
  reranker: { model: PairScorer; topN: number },
): Promise<RankedDoc[]> {
  const head = hits.slice(0, reranker.topN);
  const texts = head.map((h) => {
    const d = docs[h.doc];
    return d ? `${d.title} ${d.text}`.trim() : '';
  });
  const logits = await reranker.model.score(query, texts);
  const order = head
    .map((h, i) => ({ doc: h.doc, logit: logits[i] ?? -Infinity }))
    .sort((a, b) => b.logit - a.logit || a.doc - b.doc);
  const floor = hits[head.length]?.score ?? 0;
  return [...order.map((o, i) => ({ doc: o.doc, score: floor + head.length - i })), ...hits.slice(head.length)];
}
