import { Tensor } from '@xenova/transformers';
import { normalizeInPlace } from './mean-pool.ts';
import { POOL_MASK_INPUT, POOLED_OUTPUT } from './pooled-graph.ts';
import { type BatchOptions, batchInputs } from './token-ids.ts';

/** The part of an onnxruntime-node session a pooled forward pass uses. */
export interface PooledSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, Tensor>, fetches: string[]): Promise<Record<string, Tensor>>;
}

/** True when `session` is a pooled model's (see pooled-graph.ts): it takes the pool mask and gives the pooled output. */
export function isPooledSession(session: PooledSession): boolean {
  return session.inputNames.includes(POOL_MASK_INPUT) && session.outputNames.includes(POOLED_OUTPUT);
}

/**
 * One forward pass over a padded batch on a pooled model's session (see pooled-graph.ts): the
 * same inputs as forwardBatch, with each row's pooling weights, and only the pooled output
 * fetched, so the hidden state stays inside ONNX Runtime. Then L2 normalisation here. `ms` is
 * the session's run, pooling included, `startedAt` its start (ms since the epoch, as
 * ForwardPassTiming); `poolMs` the normalisation. Throws when the session
 * wants an input it is not given or gives an output of another type or shape.
 */
export async function forwardPooled(
  session: PooledSession,
  lists: readonly ArrayLike<number>[],
  options: BatchOptions,
): Promise<{ vectors: Float32Array[]; ms: number; poolMs: number; startedAt: number }> {
  const inputs: Record<string, Tensor | undefined> = { ...batchInputs(lists, options) };
  const mask = inputs.attention_mask!;
  const [batch = 0, tokens = 0] = mask.dims;
  const feeds: Record<string, Tensor> = {};
  for (const name of session.inputNames) {
    // token_type_ids all zeros when the tokenizer gives none, as transformers.js's encoder call does.
    const zeros = name === 'token_type_ids' ? new Tensor('int64', new BigInt64Array(batch * tokens), mask.dims) : null;
    const pool = name === POOL_MASK_INPUT ? poolWeights(mask.data as BigInt64Array, batch, tokens) : null;
    const feed = inputs[name] ?? pool ?? zeros;
    if (!feed) throw new Error(`the pooled model wants an input it is not given: ${name}`);
    feeds[name] = feed;
  }
  const started = performance.now();
  const outputs = Object.values(await session.run(feeds, [POOLED_OUTPUT]));
  const ms = performance.now() - started;
  // onnxruntime-node 1.14 names what it returns after the session's first outputs, not after
  // the ones fetched (its binding's Run): the one output fetched is read whatever its name.
  const [pooled] = outputs;
  const [rows, one, width = 0] = pooled?.dims ?? [];
  if (!pooled || outputs.length !== 1 || pooled.type !== 'float32' || rows !== batch || one !== 1 || width < 1)
    throw new Error(
      `the pooled model gave ${pooled ? `${pooled.type} [${pooled.dims}]` : 'nothing'}, not float32 [${batch}, 1, width]`,
    );
  const poolStarted = performance.now();
  const data = pooled.data as Float32Array;
  const vectors: Float32Array[] = [];
  for (let row = 0; row < batch; row++) vectors.push(normalizeInPlace(data.slice(row * width, (row + 1) * width)));
  return { vectors, ms, poolMs: performance.now() - poolStarted, startedAt: performance.timeOrigin + started };
}

/**
 * Each row's pooling weights from the attention mask (`[batch, tokens]`, 1 for a real token):
 * 1/count on its real tokens, 0 on padding, float32 [batch, 1, tokens], so the pooled model's
 * MatMul gives each row's mean over its real tokens. The int64 mask is read as pairs of int32
 * (a value is not 0 when either half is not), not one BigInt per element: a fifth of the time
 * for a first 32 × 256 batch.
 */
export function poolWeights(mask: BigInt64Array, batch: number, tokens: number): Tensor {
  const halves = new Int32Array(mask.buffer, mask.byteOffset, mask.length * 2);
  const weights = new Float32Array(batch * tokens);
  for (let row = 0; row < batch; row++) {
    const start = row * tokens;
    let count = 0;
    for (let i = start; i < start + tokens; i++)
      if ((halves[2 * i]! | halves[2 * i + 1]!) !== 0) {
        weights[i] = 1;
        count++;
      }
    if (count === 0) continue;
    const weight = 1 / count;
    for (let i = start; i < start + tokens; i++) weights[i] = weights[i]! * weight;
  }
  return new Tensor('float32', weights, [batch, 1, tokens]);
}
