import { type FeatureExtractionPipeline, pipeline, type Tensor } from '@xenova/transformers';
import type { Embedder } from './embedder.ts';
import { meanPoolNormalized } from './mean-pool.ts';
import { resolvePrefixes } from './model-prefixes.ts';
import { configureTransformers } from './transformers-env.ts';
import { rememberWordPieces } from './word-memo.ts';

/** How to load a transformers.js embedding model. */
export interface EmbedderOptions {
  /** Hugging Face model id, e.g. `Xenova/multilingual-e5-small` (the default) or `Xenova/all-MiniLM-L6-v2`. */
  modelId: string;
  /** Local model folder: `<modelsDir>/<modelId>/` is tried first, and downloads are cached there. */
  modelsDir: string;
  /** Download from the hub when the model is not in `modelsDir`. */
  allowRemote: boolean;
  /** int8 `onnx/model_quantized.onnx` (default) or fp32 `onnx/model.onnx`. */
  quantized?: boolean;
  /** Put before every query; undefined: the model's default (`query: ` for e5 models, see model-prefixes.ts). */
  queryPrefix?: string | undefined;
  /** Put before every passage; undefined: the model's default (`passage: ` for e5 models). */
  passagePrefix?: string | undefined;
  /** Passages per forward pass (default 32). */
  batchSize?: number;
  /**
   * Input window cap in tokens, special tokens included (default 256: all-MiniLM-L6-v2 was trained
   * on 256; multilingual-e5-small takes 512, and CHUNK_MAX_TOKENS may raise the cap to that).
   */
  maxTokens?: number;
  /** Called as model files download (and as local files are read). */
  onDownloadProgress?: (info: { file: string; loaded: number; total: number; status: string }) => void;
}

const DEFAULT_BATCH_SIZE = 32;
const DEFAULT_MAX_TOKENS = 256;
/** Used when a tokenizer does not state its window; the usual BERT position limit. */
const FALLBACK_MODEL_MAX_LENGTH = 512;

/**
 * Sentence embeddings with transformers.js: feature extraction, mean pooling over the
 * attention mask, L2 normalisation, so dot product equals cosine similarity.
 */
export class TransformersEmbedder implements Embedder {
  /**
   * Time spent inside the model's forward pass (ONNX Runtime), and passages and queries
   * embedded: what the benchmark compares the whole ingest with.
   */
  readonly stats = { forwardMs: 0, texts: 0 };

  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly modelId: string,
    readonly dimensions: number,
    readonly maxTokens: number,
    readonly queryPrefix: string,
    readonly passagePrefix: string,
    private readonly batchSize: number,
  ) {}

  /** Loads the model (from `modelsDir`, else the hub when allowed); throws when it cannot. */
  static async load(options: EmbedderOptions): Promise<TransformersEmbedder> {
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
    const maxTokens = Math.min(
      stated > 0 ? stated : FALLBACK_MODEL_MAX_LENGTH,
      options.maxTokens ?? DEFAULT_MAX_TOKENS,
    );
    // The pipeline truncates every input to the tokenizer's model_max_length; lowering it is
    // how our own window is enforced, exactly, in tokens, with no second tokenization.
    extractor.tokenizer.model_max_length = maxTokens;
    rememberWordPieces(extractor.tokenizer);
    const probe = await extractor('dimension probe', { pooling: 'mean', normalize: true });
    const dimensions = probe.dims.at(-1) ?? probe.data.length;
    const prefixes = resolvePrefixes(options.modelId, options);
    return new TransformersEmbedder(
      extractor,
      options.modelId,
      dimensions,
      maxTokens,
      prefixes.query,
      prefixes.passage,
      Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE),
    );
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this._run([this.queryPrefix + text]);
    if (!vector) throw new Error('The embedding pipeline returned no vector.');
    return vector;
  }

  async embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize).map((t) => this.passagePrefix + t);
      out.push(...(await this._run(batch)));
      onProgress?.(out.length, texts.length);
    }
    return out;
  }

  countTokens(text: string): number {
    // encode() adds [CLS]/[SEP] (or the model's equivalents) and does not truncate.
    return this.extractor.tokenizer.encode(text).length;
  }

  /**
   * One forward pass over a padded batch, as the feature-extraction pipeline runs it (its
   * tokenizer call, its model, the same output), pooled by {@link meanPoolNormalized}.
   */
  private async _run(texts: string[]): Promise<Float32Array[]> {
    const { tokenizer, model } = this.extractor;
    const inputs = tokenizer(texts, { padding: true, truncation: true }) as { attention_mask: Tensor };
    const started = performance.now();
    const outputs = (await model(inputs)) as Record<string, Tensor | undefined>;
    this.stats.forwardMs += performance.now() - started;
    this.stats.texts += texts.length;
    const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
    if (!hidden) throw new Error('The embedding model returned no hidden state.');
    return meanPoolNormalized(hidden.data as Float32Array, hidden.dims, inputs.attention_mask.data as BigInt64Array);
  }
}
