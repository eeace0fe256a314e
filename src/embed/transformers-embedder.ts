import { type FeatureExtractionPipeline, pipeline, type Tensor } from '@xenova/transformers';
import type { Embedder } from './embedder.ts';
import type { EmbedderOptions } from './embedder-options.ts';
import { meanPoolNormalized } from './mean-pool.ts';
import { resolvePrefixes } from './model-prefixes.ts';
import { type Forwarded, PoolingThread } from './pooling-thread.ts';
import { batchInputs, batchOptionsOf, TokenIdCache } from './token-ids.ts';
import { configureTransformers } from './transformers-env.ts';
import { wordByWordEncoder } from './word-ids.ts';
import { rememberWordPieces } from './word-memo.ts';

const DEFAULT_BATCH_SIZE = 32;
/**
 * Token ids kept from chunk sizing for embedding (16 MB as int32): the chunks of a large corpus
 * (tens of thousands of passages) are embedded without tokenizing them again.
 */
const MAX_CACHED_IDS = 4_000_000;
/** Passages tokenized and sorted by length together, so batches hold passages of similar length. */
const SORT_WINDOW_BATCHES = 16;
const DEFAULT_MAX_TOKENS = 256;
/** Batches whose hidden states may wait for the pooling thread at once (12 MB each at 32 × 256 × 384). */
const MAX_BATCHES_POOLING = 2;
/** Used when a tokenizer does not state its window; the usual BERT position limit. */
const FALLBACK_MODEL_MAX_LENGTH = 512;

/**
 * Sentence embeddings with transformers.js: feature extraction, mean pooling over the
 * attention mask, L2 normalisation, so dot product equals cosine similarity.
 */
export class TransformersEmbedder implements Embedder {
  /**
   * Time spent inside the model's forward pass (ONNX Runtime) and in pooling (on the pooling
   * thread for passages, which overlaps the forward passes), passages and queries embedded,
   * and how many of them reused the ids of their chunk-sizing count: what the benchmark
   * compares the whole ingest with.
   */
  readonly stats = { forwardMs: 0, poolMs: 0, texts: 0, idsReused: 0 };
  /** Ids of texts counted by {@link countTokens}: the chunker counts each passage as it will be embedded. */
  private readonly ids = new TokenIdCache(MAX_CACHED_IDS);
  /** Started by the first embedPassages; null when it could not start (pooling then stays here). */
  private poolingThread: PoolingThread | null | undefined;
  /** The tokenizer's `encode` (special tokens added, no truncation), word by word where that gives the same ids. */
  private readonly encodeText: (text: string) => ArrayLike<number>;

  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly modelId: string,
    readonly dimensions: number,
    readonly maxTokens: number,
    readonly queryPrefix: string,
    readonly passagePrefix: string,
    private readonly batchSize: number,
  ) {
    const { tokenizer } = extractor;
    this.encodeText = wordByWordEncoder(tokenizer) ?? ((text) => tokenizer.encode(text));
  }

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
    const [vector] = await this._run([this._encode(this.queryPrefix + text)]);
    if (!vector) throw new Error('The embedding pipeline returned no vector.');
    return vector;
  }

  /**
   * Embeds in batches of `batchSize`. Passages are taken a window at a time and batched by
   * token count, so a batch's padding (which the model runs over and pooling skips) stays
   * short; vectors come back in the passages' order. A passage counted by {@link countTokens}
   * as it is embedded (prefix included, as the chunker counts it) is not tokenized again.
   */
  async embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const out: Float32Array[] = new Array(texts.length);
    let done = 0;
    const window = this.batchSize * SORT_WINDOW_BATCHES;
    // Batches being pooled on the pooling thread while the model runs the next ones.
    const pooling: Promise<void>[] = [];
    for (let start = 0; start < texts.length; start += window) {
      const lists = texts.slice(start, start + window).map((t) => this._encode(this.passagePrefix + t));
      const order = lists.map((_, i) => i).sort((a, b) => lists[a]!.length - lists[b]!.length || a - b);
      for (let i = 0; i < order.length; i += this.batchSize) {
        const rows = order.slice(i, i + this.batchSize);
        const pooled = this._poolElsewhere(await this._forward(rows.map((row) => lists[row]!))).then((vectors) => {
          for (const [k, row] of rows.entries()) out[start + row] = vectors[k]!;
        });
        // Awaited below; a failure meanwhile (or after an abort) is not an unhandled rejection.
        pooled.catch(() => undefined);
        pooling.push(pooled);
        // Two batches' hidden states at most wait for the pooling thread.
        if (pooling.length > MAX_BATCHES_POOLING) await pooling.shift();
        done += rows.length;
        onProgress?.(done, texts.length);
      }
    }
    await Promise.all(pooling);
    return out;
  }

  countTokens(text: string): number {
    // Chunk sizing counts the same words and sentences again and again (a long sentence word by
    // word, a paragraph then its sentences): a text seen before is not tokenized again.
    const known = this.ids.recall(text);
    if (known) return known.length;
    // encode() adds [CLS]/[SEP] (or the model's equivalents) and does not truncate.
    const ids = this.encodeText(text);
    this.ids.remember(text, ids);
    return ids.length;
  }

  /** The text's token ids, special tokens included: remembered from counting, or tokenized now. */
  private _encode(text: string): ArrayLike<number> {
    const remembered = this.ids.recall(text);
    if (!remembered) return this.encodeText(text);
    this.stats.idsReused++;
    return remembered;
  }

  /**
   * One forward pass over a padded batch, as the feature-extraction pipeline runs it (the
   * inputs its tokenizer call would give, see batchInputs; its model; the same output): the
   * hidden state and the attention mask to pool it with.
   */
  private async _forward(lists: ArrayLike<number>[]): Promise<Forwarded> {
    const { tokenizer, model } = this.extractor;
    const inputs = batchInputs(lists, batchOptionsOf(tokenizer));
    const started = performance.now();
    const outputs = (await model(inputs)) as Record<string, Tensor | undefined>;
    this.stats.forwardMs += performance.now() - started;
    this.stats.texts += lists.length;
    const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
    if (!hidden) throw new Error('The embedding model returned no hidden state.');
    return {
      hidden: hidden.data as Float32Array,
      dims: hidden.dims,
      mask: inputs.attention_mask.data as BigInt64Array,
    };
  }

  /** Embeds a batch and pools it here, with {@link meanPoolNormalized}. */
  private async _run(lists: ArrayLike<number>[]): Promise<Float32Array[]> {
    return this._poolHere(await this._forward(lists));
  }

  private _poolHere({ hidden, dims, mask }: Forwarded): Float32Array[] {
    const started = performance.now();
    const vectors = meanPoolNormalized(hidden, dims, mask);
    this.stats.poolMs += performance.now() - started;
    return vectors;
  }

  /** Pools a batch on the pooling thread (the same function), or here when the thread cannot start. */
  private async _poolElsewhere({ hidden, dims, mask }: Forwarded): Promise<Float32Array[]> {
    if (this.poolingThread === undefined) this.poolingThread = PoolingThread.start();
    if (!this.poolingThread) return this._poolHere({ hidden, dims, mask });
    const { vectors, ms } = await this.poolingThread.pool(hidden, dims, mask);
    this.stats.poolMs += ms;
    return vectors;
  }
}
