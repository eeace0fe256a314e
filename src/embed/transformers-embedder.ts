import type { FeatureExtractionPipeline } from '@xenova/transformers';
import type { CountWords } from '../types.ts';
import type { Embedder, PassageOptions } from './embedder.ts';
import type { EmbedderOptions } from './embedder-options.ts';
import { type ForwardPassTiming, forwardBatch } from './forward-batch.ts';
import { loadFeatureExtractor } from './load-extractor.ts';
import { meanPoolNormalized } from './mean-pool.ts';
import { resolvePrefixes } from './model-prefixes.ts';
import { batchPositions, type PassageBatch, passageBatches } from './passage-batches.ts';
import { PassageThread } from './passage-thread.ts';
import { PassageTokens } from './passage-tokens.ts';
import { type Forwarded, MAX_BATCHES_POOLING, PoolingThread, poolBatch } from './pooling-thread.ts';
import { type BatchOptions, batchOptionsOf } from './token-ids.ts';

const DEFAULT_BATCH_SIZE = 32;

/**
 * Sentence embeddings with transformers.js: feature extraction, mean pooling over the
 * attention mask, L2 normalisation, so dot product equals cosine similarity. Queries, and
 * passages on this thread, give the pipeline's vectors bit for bit (see meanPoolNormalized).
 * With `passageThread`, passages are embedded on a thread of their own, mean-pooled inside the
 * model's session (see PassageModel): the same vectors to a cosine above 0.99999.
 */
export class TransformersEmbedder implements Embedder {
  /**
   * For the bench: forward pass and pooling ms, texts (those pooled inside the model: on the
   * passage thread, see PassageModel), ids reused, passages' tokens and the positions their
   * batches ran over (padding included); each pass's timing once `forwards` is a list.
   */
  readonly stats = {
    forwardMs: 0,
    poolMs: 0,
    texts: 0,
    pooledInModel: 0,
    idsReused: 0,
    tokens: 0,
    positions: 0,
    forwards: null as ForwardPassTiming[] | null,
  };
  /** Why passages are embedded on this thread although `passageThread` was asked for (null: they are not). */
  passageThreadError: string | null = null;
  /** Texts counted by {@link countTokens} (the chunker counts each passage as it will be embedded), encoded once. */
  private readonly tokens: PassageTokens;
  /** Started by the first embedPassages here; null when it could not start (pooling then stays here). */
  private poolingThread: Promise<PoolingThread | null> | undefined;
  private readonly batchOptions: BatchOptions;

  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly modelId: string,
    readonly dimensions: number,
    readonly maxTokens: number,
    readonly queryPrefix: string,
    readonly passagePrefix: string,
    private readonly batchSize: number,
    /** Where the model's files are: the passage thread loads them too. */
    private readonly files: { modelsDir: string; quantized: boolean },
    private passageThread: PassageThread | null = null,
  ) {
    this.tokens = new PassageTokens(extractor.tokenizer, this.stats);
    this.batchOptions = batchOptionsOf(extractor.tokenizer);
  }

  /**
   * Loads the model (from `modelsDir`, else the hub when allowed); throws when it cannot. With
   * `passageThread`, also starts the passage thread (see {@link startPassageThread}).
   */
  static async load(options: EmbedderOptions): Promise<TransformersEmbedder> {
    const { extractor, maxTokens, dimensions } = await loadFeatureExtractor(options);
    const prefixes = resolvePrefixes(options.modelId, options);
    const embedder = new TransformersEmbedder(
      extractor,
      options.modelId,
      dimensions,
      maxTokens,
      prefixes.query,
      prefixes.passage,
      Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE),
      { modelsDir: options.modelsDir, quantized: options.quantized ?? true },
    );
    if (options.passageThread) await embedder.startPassageThread(undefined, options.passageThreadSparesCpu);
    return embedder;
  }

  /**
   * Starts the passage thread on the same files (a second load of the model), given up after
   * `timeoutMs`: a thread that cannot start (in time) leaves passages here, its reason in
   * {@link passageThreadError}. With `spareCpu`, the thread leaves a CPU to this process's others.
   */
  async startPassageThread(timeoutMs?: number, spareCpu = false): Promise<void> {
    if (this.passagesInBackground) return;
    const data = { modelId: this.modelId, ...this.files, batchOptions: this.batchOptions, spareCpu };
    try {
      this.passageThread = await PassageThread.startWithin(data, timeoutMs);
      this.passageThreadError = null;
    } catch (error) {
      this.passageThreadError = error instanceof Error ? error.message : String(error);
    }
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = this._poolHere(await this._forward([this.tokens.encode(this.queryPrefix + text)]));
    if (!vector) throw new Error('The embedding pipeline returned no vector.');
    return vector;
  }

  /**
   * Embeds in batches of `batchSize` (see passageBatches); vectors come back in the passages'
   * order. A passage counted by {@link countTokens} as it is embedded (prefix included, as the
   * chunker counts it) is not tokenized again. On the passage thread when there is one.
   */
  async embedPassages(
    texts: string[],
    onProgress?: (done: number, total: number) => void,
    options: PassageOptions = {},
  ): Promise<Float32Array[]> {
    const out: Float32Array[] = new Array(texts.length);
    let done = 0;
    const batches = passageBatches(
      texts.length,
      (i) => this.tokens.encode(this.passagePrefix + texts[i]),
      this.batchSize,
    );
    const embedded = (batch: PassageBatch, vectors: Float32Array[]) => {
      for (const [k, row] of batch.rows.entries()) out[row] = vectors[k]!;
      const [tokens, positions] = batchPositions(batch.lists, this.batchOptions.maxLength);
      this.stats.tokens += tokens;
      this.stats.positions += positions;
      done += batch.rows.length;
      onProgress?.(done, texts.length);
    };
    const thread = this.passageThread;
    if (thread && !thread.stopped) {
      // An answer's passages go ahead of a rebuild's batches.
      const here = async (lists: ArrayLike<number>[]) => this._poolHere(await this._forward(lists));
      await thread.embedAll(batches, { urgent: !options.background, done: embedded, here, stats: this.stats });
      return out;
    }
    // Batches being pooled on the pooling thread while the model runs the next ones.
    const pooling: Promise<void>[] = [];
    for (const batch of batches) {
      const forwarded = await this._forward(batch.lists);
      const pooled = this._poolElsewhere(batch.lists, forwarded).then((v) => embedded(batch, v));
      // Awaited below; a failure meanwhile (or after an abort) is not an unhandled rejection.
      pooled.catch(() => undefined);
      pooling.push(pooled);
      // Two batches' hidden states at most wait for the pooling thread.
      if (pooling.length > MAX_BATCHES_POOLING) await pooling.shift();
    }
    await Promise.all(pooling);
    return out;
  }

  get passagesInBackground(): boolean {
    return this.passageThread !== null && !this.passageThread.stopped;
  }

  countTokens(text: string): number {
    return this.tokens.count(text);
  }

  /** countTokens word by word, where the tokenizer is encoded word by word (see Embedder.countWords). */
  get countWords(): CountWords | undefined {
    return this.tokens.countWords;
  }

  /** Stops the passage thread, if any (later passages are embedded here). */
  async close(): Promise<void> {
    const thread = this.passageThread;
    this.passageThread = null;
    await thread?.close();
  }

  private async _forward(lists: ArrayLike<number>[]): Promise<Forwarded> {
    const forwarded = await forwardBatch(this.extractor.model, lists, this.batchOptions);
    this.stats.forwardMs += forwarded.ms;
    this.stats.forwards?.push({ startedAt: forwarded.startedAt, ms: forwarded.ms });
    this.stats.texts += lists.length;
    return forwarded;
  }

  private _poolHere({ hidden, dims, mask }: Forwarded): Float32Array[] {
    const started = performance.now();
    const vectors = meanPoolNormalized(hidden, dims, mask);
    this.stats.poolMs += performance.now() - started;
    return vectors;
  }

  /** Pools a batch on the pooling thread (the same function), or here when it cannot start or has stopped. */
  private async _poolElsewhere(lists: ArrayLike<number>[], forwarded: Forwarded): Promise<Float32Array[]> {
    this.poolingThread ??= PoolingThread.start();
    const again = () => forwardBatch(this.extractor.model, lists, this.batchOptions);
    const { vectors, ms } = await poolBatch(await this.poolingThread, forwarded, again);
    this.stats.poolMs += ms;
    return vectors;
  }
}
