import type { PreTrainedModel, Tensor } from '@xenova/transformers';
import type { Forwarded } from './pooling-thread.ts';
import { type BatchOptions, batchInputs } from './token-ids.ts';

/**
 * When one forward pass ran, for the ingest bench's timeline: its start and that of its
 * batch's arrival on the thread that ran it (ms since the epoch, `performance.timeOrigin +
 * performance.now()`, comparable across threads) and its length in ms.
 */
export interface ForwardPassTiming {
  startedAt: number;
  ms: number;
  /** When the batch reached the passage thread (absent on the thread that asked for it). */
  receivedAt?: number;
}

/**
 * One forward pass over a padded batch, as the feature-extraction pipeline runs it (the
 * inputs its tokenizer call would give, see batchInputs; its model; the same output): the
 * hidden state, the attention mask to pool it with, and when the model started and how long
 * it took (its output copied out included). On the main thread, and on the passage thread
 * when its model cannot pool inside its session (see passage-model.ts).
 */
export async function forwardBatch(
  model: PreTrainedModel,
  lists: readonly ArrayLike<number>[],
  options: BatchOptions,
): Promise<Forwarded & { ms: number; startedAt: number }> {
  const inputs = batchInputs(lists, options);
  const started = performance.now();
  const outputs = (await model(inputs)) as Record<string, Tensor | undefined>;
  const ms = performance.now() - started;
  const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
  if (!hidden) throw new Error('The embedding model returned no hidden state.');
  return {
    hidden: hidden.data as Float32Array,
    dims: hidden.dims,
    mask: inputs.attention_mask.data as BigInt64Array,
    ms,
    startedAt: performance.timeOrigin + started,
  };
}
