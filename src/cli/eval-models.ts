import type { Config } from '../config.ts';
import { CrossEncoder } from '../embed/cross-encoder.ts';
import type { Embedder } from '../embed/embedder.ts';
import { loadEmbedder } from '../embed/load-embedder.ts';
import { PolicybotError } from '../errors.ts';
import type { EvalChunking, EvalMode } from '../eval/eval-index.ts';
import { chunkTokenCounter } from './services.ts';

/** The reranker BEIR used for its "BM25 + CE" baseline. */
const DEFAULT_RERANKER = 'Xenova/ms-marco-MiniLM-L-6-v2';

/** The configured model; MODEL_UNAVAILABLE (with the loader's reason) when it cannot be loaded. */
export async function requireModel(config: Config, mode: EvalMode): Promise<Embedder> {
  const m = config.model;
  const { embedder, warning } = await loadEmbedder({
    modelId: m.id,
    modelsDir: m.modelsDir,
    allowRemote: m.allowRemote,
    quantized: m.quantized,
    queryPrefix: m.queryPrefix,
    passagePrefix: m.passagePrefix,
    batchSize: m.batchSize,
    maxTokens: config.chunking.maxTokens,
    timeoutMs: m.loadTimeoutMs,
  });
  if (!embedder) {
    throw new PolicybotError(
      'MODEL_UNAVAILABLE',
      `The ${mode} mode needs the embedding model ${m.id}, which could not be loaded${warning ? `: ${warning}` : '.'}`,
      'Use --mode lexical, or set MODEL_ID / MODELS_DIR / ALLOW_REMOTE_MODELS.',
    );
  }
  return embedder;
}

/** Chunks are sized as ingest sizes them: with the model's tokenizer when it is at hand, else estimated. */
export async function evalChunking(config: Config, embedder: Embedder | null): Promise<EvalChunking> {
  const counter = await chunkTokenCounter(config, embedder);
  return {
    maxTokens: embedder ? Math.min(config.chunking.maxTokens, embedder.maxTokens) : config.chunking.maxTokens,
    overlapTokens: config.chunking.overlapTokens,
    countTokens: counter.countTokens,
    tokenizer: counter.tokenizerId,
  };
}

/** --rerank: RERANK_MODEL (default the ms-marco MiniLM cross-encoder); MODEL_UNAVAILABLE when it cannot load. */
export async function requireReranker(config: Config): Promise<{ model: CrossEncoder; topN: number }> {
  const modelId = config.rerank?.modelId ?? DEFAULT_RERANKER;
  try {
    return {
      model: await CrossEncoder.load({
        modelId,
        modelsDir: config.model.modelsDir,
        allowRemote: config.model.allowRemote,
        quantized: config.model.quantized,
      }),
      topN: config.rerank?.topN ?? 100,
    };
  } catch (error) {
    throw new PolicybotError(
      'MODEL_UNAVAILABLE',
      `--rerank needs the cross-encoder ${modelId}, which could not be loaded (${(error as Error).message.split('\n')[0]}).`,
      'Set RERANK_MODEL / MODELS_DIR, or run once with internet access.',
    );
  }
}
