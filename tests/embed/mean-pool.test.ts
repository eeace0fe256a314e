import { mean_pooling, pipeline, Tensor } from '@xenova/transformers';
import { describe, expect, it } from 'vitest';
import { meanPoolNormalized } from '../../src/embed/mean-pool.ts';
import { PoolingThread } from '../../src/embed/pooling-thread.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { prng } from '../fixtures/prng.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

/** meanPoolNormalized against mean_pooling + normalize on random hidden states; `real(row, t)`: a real token. */
function expectLibraryPooling(dims: [number, number, number], real: (row: number, t: number) => boolean, seed: number) {
  const rand = prng(seed);
  const [batch, tokens, width] = dims;
  const hidden = Float32Array.from({ length: batch * tokens * width }, () => rand() * 4 - 2);
  // Row 0's first dimension: 1, then 2^60 and -2^60 as its 9th and 10th tokens. In token order,
  // the 1 is lost in 1 + 2^60 and the next token cancels the rest; added in any other order
  // (the 2^60 and -2^60 first) the 1 stays. Ordinary values give the same sum in any order.
  if (tokens >= 10) for (const [t, x] of [1, 0, 0, 0, 0, 0, 0, 0, 2 ** 60, -(2 ** 60)].entries()) hidden[t * width] = x;
  const mask = BigInt64Array.from({ length: batch * tokens }, (_, i) =>
    BigInt(real(Math.floor(i / tokens), i % tokens)),
  );
  const expected = mean_pooling(
    new Tensor('float32', hidden, dims),
    new Tensor('int64', mask, [batch, tokens]),
  ).normalize(2, -1);
  const pooled = meanPoolNormalized(hidden, dims, mask);
  expect(pooled).toHaveLength(batch);
  for (let row = 0; row < batch; row++) {
    expect(Array.from(pooled[row]!)).toEqual(
      Array.from((expected.data as Float32Array).subarray(row * width, (row + 1) * width)),
    );
  }
}

describe('meanPoolNormalized', () => {
  it('gives transformers.js’s mean_pooling + normalize, bit for bit, on a padded batch', () => {
    // 7 tokens: each row's sums taken one token at a time. Rows of 7, 4 and 1 real tokens, the
    // rest padding; the last padded on the left.
    expectLibraryPooling([4, 7, 19], (row, t) => (row === 3 ? t >= 2 : t < [7, 4, 1][row]!), 5);
  });

  it('is the library’s too where rows are summed eight tokens at a time, with the rest one by one', () => {
    // Rows of 29 (3 × 8 + 5), 16, 8 and 9 real tokens, and 27 padded on the left.
    expectLibraryPooling([5, 29, 21], (row, t) => (row === 4 ? t >= 2 : t < [29, 16, 8, 9][row]!), 11);
  });

  it('makes the embedder return exactly what the feature-extraction pipeline returns', async () => {
    const options = { modelId: FIXTURE_MODEL_ID, modelsDir: fixtureModelsDir(), allowRemote: false };
    const embedder = await TransformersEmbedder.load(options);
    configureTransformers(options);
    const extractor = await pipeline('feature-extraction', FIXTURE_MODEL_ID, { quantized: true });
    extractor.tokenizer.model_max_length = embedder.maxTokens;
    const texts = ['Circular 49/2017/TT-BYT on telemedicine', 'electronic medical records are kept for ten years', 'x'];
    const ours = await embedder.embedPassages(texts);
    const theirs = await extractor(texts, { pooling: 'mean', normalize: true });
    expect(ours.flatMap((v) => Array.from(v))).toEqual(Array.from(theirs.data as Float32Array));
    expect(embedder.stats.texts).toBeGreaterThanOrEqual(texts.length);
    expect(embedder.stats.forwardMs).toBeGreaterThan(0);
  });

  it('pools on the pooling thread exactly as here, moving the batch there', async () => {
    const rand = prng(9);
    const [batch, tokens, width] = [5, 6, 21];
    const hidden = Float32Array.from({ length: batch * tokens * width }, () => rand() * 2 - 1);
    const mask = BigInt64Array.from({ length: batch * tokens }, (_, i) => BigInt(i % tokens <= Math.floor(i / tokens)));
    const here = meanPoolNormalized(hidden, [batch, tokens, width], mask);
    const thread = await PoolingThread.start();
    expect(thread).not.toBeNull();
    const { vectors } = await thread!.pool(hidden, [batch, tokens, width], mask);
    expect(hidden.byteLength).toBe(0);
    expect(vectors.map((v) => Array.from(v))).toEqual(here.map((v) => Array.from(v)));
  });

  it('gives the pipeline’s vectors over many small batches pooled on the thread while the next batches run', async () => {
    const options = { modelId: FIXTURE_MODEL_ID, modelsDir: fixtureModelsDir(), allowRemote: false };
    const embedder = await TransformersEmbedder.load({ ...options, batchSize: 3 });
    configureTransformers(options);
    const extractor = await pipeline('feature-extraction', FIXTURE_MODEL_ID, { quantized: true });
    extractor.tokenizer.model_max_length = embedder.maxTokens;
    const words = 'circular telemedicine hospital records network speed decision ministry patients'.split(' ');
    const texts = Array.from({ length: 40 }, (_, i) => `${words.slice(0, 1 + (i % words.length)).join(' ')} ${i}`);
    const progress: number[] = [];
    const ours = await embedder.embedPassages(texts, (done) => progress.push(done));
    const theirs = await extractor(texts, { pooling: 'mean', normalize: true });
    expect(ours.flatMap((v) => Array.from(v))).toEqual(Array.from(theirs.data as Float32Array));
    expect(progress.at(-1)).toBe(40);
    expect(progress).toHaveLength(14);
  });
});
