/**
 * Ranking metrics over one query, following the conventions BEIR reports with (pytrec_eval,
 * i.e. trec_eval's `ndcg_cut`, `recall`, `map_cut`, plus BEIR's own MRR), so our numbers can
 * stand next to published ones. Pure functions: a ranking is doc ids best first, qrels map a
 * doc id to its graded relevance. A doc counts as relevant when its grade is at least 1
 * (pytrec_eval's default `relevance_level`); grades of 0 or below are judged non-relevant.
 */

/** Judged documents of one query: doc id → graded relevance (0 = judged not relevant). */
export type QueryQrels = ReadonlyMap<string, number>;

/** The metrics reported for every query, at the cut-offs the command prints. */
export interface QueryMetrics {
  'ndcg@10': number;
  'recall@10': number;
  'recall@100': number;
  'mrr@10': number;
  'map@10': number;
}

/** Metric names in report order. */
export const METRIC_NAMES = [
  'ndcg@10',
  'recall@10',
  'recall@100',
  'mrr@10',
  'map@10',
] as const satisfies readonly (keyof QueryMetrics)[];

/** Relevant documents of a query: those graded 1 or higher. */
export function countRelevant(qrels: QueryQrels): number {
  let n = 0;
  for (const grade of qrels.values()) if (grade >= 1) n++;
  return n;
}

function _grade(qrels: QueryQrels, docId: string): number {
  return qrels.get(docId) ?? 0;
}

/**
 * nDCG@k with linear gains: DCG = Σ_{i≤k} rel_i / log2(i + 1) (ranks 1-based), divided by the
 * DCG of the ideal ordering of ALL judged documents of the query (not only retrieved ones),
 * cut at k. 0 when the query has no relevant document.
 */
export function ndcgAtK(ranking: readonly string[], qrels: QueryQrels, k: number): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((docId, i) => {
    const gain = Math.max(0, _grade(qrels, docId));
    dcg += gain / Math.log2(i + 2);
  });
  const ideal = [...qrels.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  const idcg = ideal.reduce((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);
  return idcg > 0 ? dcg / idcg : 0;
}

/** Recall@k: relevant documents in the top k over all relevant documents of the query. */
export function recallAtK(ranking: readonly string[], qrels: QueryQrels, k: number): number {
  const total = countRelevant(qrels);
  if (total === 0) return 0;
  const found = ranking.slice(0, k).filter((docId) => _grade(qrels, docId) >= 1).length;
  return found / total;
}

/** MRR@k: 1 / rank of the first relevant document within the top k, else 0. */
export function mrrAtK(ranking: readonly string[], qrels: QueryQrels, k: number): number {
  const i = ranking.slice(0, k).findIndex((docId) => _grade(qrels, docId) >= 1);
  return i < 0 ? 0 : 1 / (i + 1);
}

/**
 * MAP@k as trec_eval's `map_cut`: the sum of precision@i over the ranks i ≤ k that hold a
 * relevant document, divided by the number of relevant documents of the query (all of them,
 * not min(k, R)), so relevant documents missed by the cut-off count as precision 0.
 */
export function mapAtK(ranking: readonly string[], qrels: QueryQrels, k: number): number {
  const total = countRelevant(qrels);
  if (total === 0) return 0;
  let found = 0;
  let sum = 0;
  ranking.slice(0, k).forEach((docId, i) => {
    if (_grade(qrels, docId) >= 1) {
      found++;
      sum += found / (i + 1);
    }
  });
  return sum / total;
}

/** Every reported metric for one query. */
export function scoreQuery(ranking: readonly string[], qrels: QueryQrels): QueryMetrics {
  return {
    'ndcg@10': ndcgAtK(ranking, qrels, 10),
    'recall@10': recallAtK(ranking, qrels, 10),
    'recall@100': recallAtK(ranking, qrels, 100),
    'mrr@10': mrrAtK(ranking, qrels, 10),
    'map@10': mapAtK(ranking, qrels, 10),
  };
}

/**
 * Mean of each metric over the queries that have at least one relevant document in their
 * qrels; the others are skipped, as BEIR does, since no ranking can score on them.
 * Returns all zeros and `queries: 0` when nothing is left to average.
 */
export function meanMetrics(perQuery: readonly { metrics: QueryMetrics; qrels: QueryQrels }[]): {
  metrics: QueryMetrics;
  queries: number;
} {
  const scored = perQuery.filter((q) => countRelevant(q.qrels) > 0);
  const metrics = Object.fromEntries(
    METRIC_NAMES.map((name) => [
      name,
      scored.length === 0 ? 0 : scored.reduce((s, q) => s + q.metrics[name], 0) / scored.length,
    ]),
  ) as unknown as QueryMetrics;
  return { metrics, queries: scored.length };
}
