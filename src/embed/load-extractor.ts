import { type FeatureExtractionPipeline, pipeline } from '@xenova/transformers';
import type { EmbedderOptions } from './embedder-options.ts';
import { configureTransformers } from './transformers-env.ts';
import { rememberWordPieces } from './word-memo.ts';

const DEFAULT_MAX_TOKENS = 256;
/** Used when a tokenizer does not state its window; the usual BERT position limit. */
const FALLBACK_MODEL_MAX_LENGTH = 512;

/**
 * Loads transformers.js's feature-extraction pipeline for the model (from `modelsDir`, else
 * the hub when allowed; throws when it cannot), caps its input window at `maxTokens`, and
 * finds the vectors' width by embedding a probe.
 */
export async function loadFeatureExtractor(
  options: EmbedderOptions,
): Promise<{ extractor: FeatureExtractionPipeline; maxTokens: number; dimensions: number }> {
  configureTransformers(options);
  const extractor = await pipeline('feature-extraction', options.modelId, {
    quantized: options.quantized ?? true,
    progress_callback: (info: { status: string; file?: string; loaded?: number; total?: number }) =>
      options.onDownloadProgress?.({
        file: info.file ?? '',
        loaded: info.loaded ?? 0,
        total: info.total ?? 0,
        status: info.status,
      }),
  });
  const stated = Number(extractor.tokenizer.model_max_length);
  const maxTokens = Math.min(stated > 0 ? stated : FALLBACK_MODEL_MAX_LENGTH, options.maxTokens ?? DEFAULT_MAX_TOKENS);
  // The pipeline truncates every input to the tokenizer's model_max_length; lowering it is
  // how our own window is enforced, exactly, in tokens, with no second tokenization.
  extractor.tokenizer.model_max_length = maxTokens;
  rememberWordPieces(extractor.tokenizer);
  const probe = await extractor('dimension probe', { pooling: 'mean', normalize: true });
  return { extractor, maxTokens, dimensions: probe.dims.at(-1) ?? probe.data.length };
}
