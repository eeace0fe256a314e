import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@xenova/transformers';
import { configureTransformers } from './transformers-env.ts';

export interface CrossEncoderOptions {
  /** e.g. `Xenova/ms-marco-MiniLM-L-6-v2`. */
  modelId: string;
  modelsDir: string;
  allowRemote: boolean;
  quantized?: boolean;
  /** Pairs per forward pass (default 16). */
  batchSize?: number;
}

/**
 * A cross-encoder reranker: reads query and passage together and returns one relevance logit
 * per pair (higher is more relevant). Slower than the bi-encoder, so it only reorders the top
 * few candidates of a search.
 */
export class CrossEncoder {
  private constructor(
    readonly modelId: string,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    private readonly batchSize: number,
  ) {}

  /** Loads tokenizer and model; throws when they cannot be loaded (the caller decides what then). */
  static async load(options: CrossEncoderOptions): Promise<CrossEncoder> {
    configureTransformers(options);
    const [tokenizer, model] = await Promise.all([
      AutoTokenizer.from_pretrained(options.modelId),
      AutoModelForSequenceClassification.from_pretrained(options.modelId, { quantized: options.quantized ?? true }),
    ]);
    return new CrossEncoder(options.modelId, tokenizer, model, options.batchSize ?? 16);
  }

  /** One score per passage for the query, in the passages' order. */
  async score(query: string, passages: readonly string[]): Promise<number[]> {
    const scores: number[] = [];
    for (let i = 0; i < passages.length; i += this.batchSize) {
      const batch = passages.slice(i, i + this.batchSize);
      const inputs = this.tokenizer(
        batch.map(() => query),
        { text_pair: [...batch], padding: true, truncation: true },
      );
      const { logits } = (await this.model(inputs)) as { logits: { data: Float32Array; dims: number[] } };
      const width = logits.dims.at(-1) ?? 1;
      // One column: the relevance logit. Two (not relevant / relevant): the last column.
      for (let row = 0; row < batch.length; row++) scores.push(logits.data[row * width + width - 1] ?? 0);
    }
    return scores;
  }
}
