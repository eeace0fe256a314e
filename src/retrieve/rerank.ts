import type { LoadedIndex } from '../store/types.ts';
import type { Candidate } from './identifier-ranking.ts';

/** Anything that scores (query, passage) pairs, higher is more relevant: a cross-encoder. */
export interface PairScorer {
  readonly modelId: string;
  score(query: string, passages: readonly string[]): Promise<number[]>;
}

/** A cross-encoder and how many of the first candidates it reorders. */
export interface Reranker {
  model: PairScorer;
  topN: number;
}

/**
 * Reorders the first `topN` candidates by the cross-encoder's logit, within each identifier
 * tier (a passage about the named instrument stays ahead of one that is not). Reranked
 * candidates then score tier + a value in [0.05, 1) that falls with their new rank, above any
 * fused score (< 0.05) of the same tier, so scores keep descending with rank.
 */
export async function rerank(
  index: LoadedIndex,
  query: string,
  candidates: Candidate[],
  reranker: Reranker,
): Promise<Candidate[]> {
  const head = candidates.slice(0, reranker.topN);
  const logits = await reranker.model.score(
    query,
    head.map((c) => index.chunks[c.doc]?.text ?? ''),
  );
  const order = head.map((c, i) => ({ c, logit: logits[i] ?? -Infinity }));
  order.sort((a, b) => b.c.tier - a.c.tier || b.logit - a.logit || a.c.doc - b.c.doc);
  const rescored = order.map(({ c }, i) => ({ ...c, fused: 0.05 + (0.95 * (head.length - i)) / (head.length + 1) }));
  return [...rescored, ...candidates.slice(reranker.topN)];
}
