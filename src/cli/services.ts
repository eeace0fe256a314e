import path from 'node:path';
import type { Config } from '../config.ts';
import type { CrossEncoder } from '../embed/cross-encoder.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { EmbedderOptions } from '../embed/embedder-options.ts';
import {
  type LoadPolicy,
  loadEmbedder,
  loadTokenCounter,
  missingModelFiles,
  type TokenCounter,
} from '../embed/load-embedder.ts';
import { TYPICAL_ESTIMATE_ID, typicalTokens } from '../ingest/estimate-tokens.ts';
import { Retriever } from '../retrieve/retriever.ts';
import type { BuildReport } from '../store/build-index.ts';
import { describeHolder, type IngestLock } from '../store/ingest-lock.ts';
import { indexStatus, liveIndexModel, loadIndex } from '../store/load-index.ts';
import { createProgress } from './progress.ts';

/** The embedding model, or null with the one warning to show when semantic search is off. */
export interface ModelState {
  embedder: Embedder | null;
  warning: string | null;
}

/** Loads the configured model (or skips it when SEMANTIC_SEARCH=off); never throws for a missing model. */
export async function openModel(
  config: Config,
  policy: Pick<LoadPolicy, 'skipRecentFailure'> &
    Pick<EmbedderOptions, 'passageThread' | 'passageThreadSparesCpu'> = {},
): Promise<ModelState> {
  if (config.model.semanticSearch === 'off') {
    return {
      embedder: null,
      warning: 'Semantic search is off (SEMANTIC_SEARCH=off): answers use keyword search only.',
    };
  }
  const progress = createProgress();
  try {
    return await loadEmbedder({
      modelId: config.model.id,
      modelsDir: config.model.modelsDir,
      allowRemote: config.model.allowRemote,
      quantized: config.model.quantized,
      queryPrefix: config.model.queryPrefix,
      passagePrefix: config.model.passagePrefix,
      batchSize: config.model.batchSize,
      maxTokens: config.chunking.maxTokens,
      timeoutMs: config.model.loadTimeoutMs,
      onDownloadProgress: progress.onDownload,
      ...policy,
    });
  } finally {
    progress.stop();
  }
}

/** Why a model loaded with `passageThread` embeds passages on the main thread after all (null: it does not). */
export function passageThreadError(embedder: Embedder | null): string | null {
  return embedder?.passageThreadError ?? null;
}

/**
 * The model for answering questions (`ask`), loaded only when it can help. An index built
 * without vectors gains them only from a model that is at hand (the answer then rebuilds it),
 * so without the model's files `ask` does not load transformers.js (about a second) nor try
 * the hub: `ingest` is where a model is fetched. A failed load that still holds (see
 * load-failures.ts) is not retried either.
 */
export async function openModelForAnswers(config: Config): Promise<ModelState> {
  if (config.model.semanticSearch === 'auto' && (await liveIndexModel(config.indexDir)) === null) {
    const m = config.model;
    if (missingModelFiles({ modelId: m.id, modelsDir: m.modelsDir, quantized: m.quantized }).length > 0) {
      return {
        embedder: null,
        warning:
          `Semantic search is off: the index in ${config.indexDir}/ has no vectors and ${m.id} is not in ${m.modelsDir}/; answers use keyword search only. ` +
          `To add vectors, run \`policybot ingest\` with internet access (ALLOW_REMOTE_MODELS=true) so the model downloads, ` +
          `or put the model folder at ${path.join(m.modelsDir, ...m.id.split('/'))}/ first.`,
      };
    }
  }
  return openModel(config, { skipRecentFailure: true });
}

/**
 * What sizes chunks: the loaded model's tokenizer; without a model, the configured model's
 * tokenizer when its files are at hand; else a typical-count estimate (a lexical-only index
 * has no model window to fit, and gaining a model re-chunks it).
 */
export async function chunkTokenCounter(config: Config, embedder: Embedder | null): Promise<TokenCounter> {
  if (embedder)
    return {
      countTokens: (t: string) => embedder.countTokens(t),
      countWords: embedder.countWords,
      tokenizerId: embedder.modelId,
    };
  const tokenizer = await loadTokenCounter({
    modelId: config.model.id,
    modelsDir: config.model.modelsDir,
    allowRemote: false,
  });
  return tokenizer ?? { countTokens: typicalTokens, tokenizerId: TYPICAL_ESTIMATE_ID };
}

/**
 * Builds or updates the index for `config.corpusDir` with the given model (null: lexical only),
 * under the index folder's ingest lock: waiting for a running ingest (saying so through
 * `onWait`) unless `wait` is false.
 */
export async function runBuild(
  config: Config,
  embedder: Embedder | null,
  lock: { wait?: boolean; onWait?: (line: string) => void; held?: IngestLock } = {},
): Promise<BuildReport> {
  const counter = await chunkTokenCounter(config, embedder);
  // Loaded on demand: answering from a built index needs none of the parsers.
  const { buildIndex } = await import('../store/build-index.ts');
  const progress = createProgress();
  try {
    return await buildIndex({
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      embedder,
      countTokens: counter.countTokens,
      countWords: counter.countWords,
      tokenizerId: counter.tokenizerId,
      maxTokens: embedder ? Math.min(config.chunking.maxTokens, embedder.maxTokens) : config.chunking.maxTokens,
      overlapTokens: config.chunking.overlapTokens,
      onProgress: progress.update,
      maxFileBytes: config.ingest.maxFileBytes,
      followSymlinks: config.ingest.followSymlinks,
      wait: lock.wait ?? true,
      ...(lock.held ? { lock: lock.held } : {}),
      onWaitForLock: (holder) =>
        lock.onWait?.(`Waiting for another ingest of ${config.indexDir}/ to finish (${describeHolder(holder)}) …`),
    });
  } finally {
    progress.stop();
  }
}

/**
 * Builds the index when there is none or when it was built with another model than the one
 * loaded now (e.g. the model became available); loads nothing, so the caller loads it once.
 */
export async function ensureIndex(config: Config, model: ModelState, log: (line: string) => void): Promise<void> {
  const status = await indexStatus(config.indexDir, { modelId: model.embedder?.modelId ?? null });
  if (status === 'ok') return;
  log(
    status === 'missing'
      ? `No index yet in ${config.indexDir}/: building it from ${config.corpusDir}/ …`
      : `The index in ${config.indexDir}/ was built with other settings: rebuilding …`,
  );
  const report = await runBuild(config, model.embedder, { onWait: log });
  log(`Indexed ${report.files} files into ${report.chunks} passages in ${report.seconds.toFixed(1)} s.`);
}

/**
 * A retriever over the current index, building the index first when there is none or when
 * it was built with another model than the one loaded now (e.g. the model became available).
 */
export async function openRetriever(
  config: Config,
  model: ModelState,
  log: (line: string) => void,
): Promise<Retriever> {
  await ensureIndex(config, model, log);
  const index = await loadIndex(config.indexDir);
  const warnings = model.warning ? [model.warning] : [];
  const reranker = await openReranker(config, (w) => {
    warnings.push(w);
    log(`Warning: ${w}`);
  });
  return new Retriever(index, model.embedder, { warnings, ...(reranker ? { reranker } : {}) });
}

/** The optional cross-encoder (RERANK_MODEL); a model that cannot load turns reranking off with a warning. */
export async function openReranker(
  config: Config,
  warn: (line: string) => void,
): Promise<{ model: CrossEncoder; topN: number } | null> {
  if (!config.rerank) return null;
  try {
    const { CrossEncoder } = await import('../embed/cross-encoder.ts');
    const model = await CrossEncoder.load({
      modelId: config.rerank.modelId,
      modelsDir: config.model.modelsDir,
      allowRemote: config.model.allowRemote,
      quantized: config.model.quantized,
    });
    return { model, topN: config.rerank.topN };
  } catch (error) {
    warn(`Reranking is off: could not load ${config.rerank.modelId} (${(error as Error).message.split('\n')[0]}).`);
    return null;
  }
}
