import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Embedder } from '../embed/embedder.ts';
import { PolicybotError } from '../errors.ts';
import { TYPICAL_ESTIMATE_ID, typicalTokens } from '../ingest/estimate-tokens.ts';
import { RRF_K } from '../retrieve/fuse.ts';
import type { PairScorer } from '../retrieve/retriever.ts';
import type { LexicalOptions } from '../store/lexical/lexical-options.ts';
import { type ArticleQuestions, ArticleQuestionTally } from './article-questions.ts';
import { loadBeirDataset } from './beir.ts';
import { buildEvalIndex, type EvalChunking, type EvalMode, type EvalProgress, searchEvalIndex } from './eval-index.ts';
import { meanMetrics, type QueryMetrics, scoreQuery } from './metrics.ts';
import { rerankDocs } from './rerank-docs.ts';

/** What `runBeirEval` needs; only `datasetDir`, `split`, `mode` and `k` are required. */
export interface BeirEvalOptions {
  datasetDir: string;
  split: string;
  mode: EvalMode;
  /** Documents ranked per query (100 makes Recall@100 meaningful). */
  k: number;
  /** Only the first N judged queries, in queries.jsonl order. */
  limit?: number;
  /** Per-query rankings are written here as JSON lines. */
  out?: string;
  lexicalOptions?: Partial<LexicalOptions>;
  /** Required for dense and hybrid modes. */
  embedder?: Embedder | null;
  /** Optional cross-encoder that reorders each query's top documents. */
  reranker?: { model: PairScorer; topN: number } | null;
  /** Chunk sizing; by default 256 tokens with 32 overlap, counted with the embedder or a typical estimate. */
  chunking?: Partial<EvalChunking>;
  onProgress?: (progress: EvalProgress) => void;
}

/** Everything that produced the numbers, so a run can be reproduced and compared. */
export interface EvalSettings {
  chunking: { maxTokens: number; overlapTokens: number; tokenizer: string };
  /** The lexical index's resolved options: stemmer, stop words, BM25 k1/b, field weights, … */
  lexical: LexicalOptions | null;
  fusion: { method: 'rrf'; k: number; level: 'document' } | null;
  model: string;
  /** Cross-encoder and how many top documents it reorders, or null. */
  reranker: { model: string; topN: number } | null;
  /** How multi-chunk documents are scored. */
  documentScore: 'best chunk';
}

/** The result of one evaluation run: mean metrics over the judged queries, speed, settings. */
export interface EvalReport {
  dataset: string;
  split: string;
  mode: EvalMode;
  /** Queries averaged over (judged queries with at least one relevant document). */
  queries: number;
  metrics: QueryMetrics;
  queriesPerSecond: number;
  buildSeconds: number;
  documents: number;
  chunks: number;
  settings: EvalSettings;
  warnings: string[];
  /** Questions naming an article ("Điều 2") and how many got that article first; absent when none names one. */
  articleQuestions?: ArticleQuestions;
}

/** One line of the `out` file. */
export interface QueryRun {
  queryId: string;
  query: string;
  ranking: { docId: string; score: number }[];
  relevant: { docId: string; relevance: number }[];
  ndcg10: number;
}

const round = (x: number, digits = 5) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Evaluates retrieval on a BEIR dataset split: builds a throwaway in-memory index over the
 * corpus (each document chunked as ingest does, scored as its best chunk), runs every judged
 * query (or the first `limit`), and averages nDCG@10, Recall@10/100, MRR@10 and MAP@10.
 */
export async function runBeirEval(options: BeirEvalOptions): Promise<EvalReport> {
  const { mode, k, embedder = null } = options;
  if (mode !== 'lexical' && !embedder) {
    throw new PolicybotError(
      'MODEL_UNAVAILABLE',
      `The ${mode} mode needs an embedding model, and none is loaded.`,
      'Use --mode lexical, or make the model available (MODEL_ID, MODELS_DIR).',
    );
  }
  const dataset = await loadBeirDataset(options.datasetDir, options.split);
  const chunking: EvalChunking = {
    maxTokens: options.chunking?.maxTokens ?? (embedder ? Math.min(256, embedder.maxTokens) : 256),
    overlapTokens: options.chunking?.overlapTokens ?? 32,
    countTokens: options.chunking?.countTokens ?? (embedder ? (t) => embedder.countTokens(t) : typicalTokens),
    tokenizer: options.chunking?.tokenizer ?? (embedder ? embedder.modelId : TYPICAL_ESTIMATE_ID),
  };

  const buildStart = performance.now();
  const index = await buildEvalIndex(dataset.corpus, {
    chunking,
    lexicalOptions: options.lexicalOptions,
    embedder: mode === 'lexical' ? null : embedder,
    onProgress: options.onProgress,
  });
  const buildSeconds = (performance.now() - buildStart) / 1000;

  const queries = [...dataset.queries].slice(0, options.limit ?? Infinity);
  const out = options.out ? await open(options.out, 'w') : null;
  const perQuery: { metrics: QueryMetrics; qrels: ReadonlyMap<string, number> }[] = [];
  const articles = new ArticleQuestionTally();
  let searchMs = 0;
  try {
    for (const [i, [queryId, query]] of queries.entries()) {
      const start = performance.now();
      const found = await searchEvalIndex(index, query, mode, k, embedder);
      const hits = options.reranker ? await rerankDocs(query, found, index.docs, options.reranker) : found;
      searchMs += performance.now() - start;
      const ranking = hits.map((h) => ({ docId: index.docs[h.doc]?.id ?? '', score: h.score }));
      articles.add(query, hits[0] === undefined ? undefined : index.docs[hits[0].doc]?.title);
      const qrels = dataset.qrels.get(queryId) ?? new Map<string, number>();
      const metrics = scoreQuery(
        ranking.map((r) => r.docId),
        qrels,
      );
      perQuery.push({ metrics, qrels });
      if (out) {
        const relevant = [...qrels]
          .filter(([, rel]) => rel > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([docId, relevance]) => ({ docId, relevance }));
        const line: QueryRun = { queryId, query, ranking, relevant, ndcg10: metrics['ndcg@10'] };
        await out.write(`${JSON.stringify(line)}\n`);
      }
      options.onProgress?.({ phase: 'query', done: i + 1, total: queries.length });
    }
  } finally {
    await out?.close();
  }

  const mean = meanMetrics(perQuery);
  const lexicalUsed = mode !== 'dense';
  return {
    dataset: options.datasetDir,
    split: options.split,
    mode,
    queries: mean.queries,
    metrics: Object.fromEntries(
      Object.entries(mean.metrics).map(([name, v]) => [name, round(v)]),
    ) as unknown as QueryMetrics,
    queriesPerSecond: round(queries.length / Math.max(searchMs / 1000, 1e-9), 1),
    buildSeconds: round(buildSeconds, 2),
    documents: dataset.corpus.length,
    chunks: index.chunkDoc.length,
    settings: {
      chunking: { maxTokens: chunking.maxTokens, overlapTokens: chunking.overlapTokens, tokenizer: chunking.tokenizer },
      lexical: lexicalUsed ? { ...index.lexical.options } : null,
      fusion: mode === 'hybrid' ? { method: 'rrf', k: RRF_K, level: 'document' } : null,
      model: mode === 'lexical' || !embedder ? 'none' : embedder.modelId,
      reranker: options.reranker ? { model: options.reranker.model.modelId, topN: options.reranker.topN } : null,
      documentScore: 'best chunk',
    },
    warnings: dataset.warnings,
    ...(articles.result() ? { articleQuestions: articles.result() } : {}),
  };
}
