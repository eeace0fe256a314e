import type { CountWords } from '../types.ts';

/** How one embedPassages call is run. */
export interface PassageOptions {
  /**
   * A build's passages (see embed-chunks.ts): on a passage thread, they wait behind the batches
   * of every other call (an answer's), which go first whatever their size.
   */
  background?: boolean;
}

/**
 * The embedding seam. Queries and passages may be encoded differently (e5/bge prefixes),
 * so they have separate methods. Vectors are L2-normalised, so dot product = cosine.
 */
export interface Embedder {
  /** Model id as configured, e.g. `Xenova/multilingual-e5-small`. */
  readonly modelId: string;
  readonly dimensions: number;
  /** The model's input window in tokens, special tokens included. */
  readonly maxTokens: number;
  readonly queryPrefix: string;
  readonly passagePrefix: string;
  embedQuery(text: string): Promise<Float32Array>;
  /** Embeds in batches; `onProgress(done, total)` after each batch. */
  embedPassages(
    texts: string[],
    onProgress?: (done: number, total: number) => void,
    options?: PassageOptions,
  ): Promise<Float32Array[]>;
  /**
   * True when embedPassages runs the model off this thread (see PassageThread): calls may
   * overlap, and this thread stays free meanwhile. Absent or false: one call at a time.
   */
  readonly passagesInBackground?: boolean;
  /** Why passages are embedded on this thread although a passage thread was asked for (null or absent: they are not). */
  readonly passageThreadError?: string | null;
  /** Tokens the model sees for `text` (special tokens included, prefix not added). */
  countTokens(text: string): number;
  /**
   * countTokens word by word, for a tokenizer whose counts add up over words (see WordTokens);
   * absent for any other. Chunk sizing then counts each word of a long block once.
   */
  readonly countWords?: CountWords | undefined;
}
