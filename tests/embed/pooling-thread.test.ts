import { describe, expect, it } from 'vitest';
import { meanPoolNormalized } from '../../src/embed/mean-pool.ts';
import { type Forwarded, PoolingThread, poolBatch } from '../../src/embed/pooling-thread.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { prng } from '../fixtures/prng.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

/** A forward pass's output: 3 rows of 5 tokens of 16 dimensions, the last tokens padding. */
function forwarded(): Forwarded {
  const rand = prng(5);
  return {
    hidden: Float32Array.from({ length: 3 * 5 * 16 }, () => rand() * 2 - 1),
    dims: [3, 5, 16],
    mask: BigInt64Array.from([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0], BigInt),
  };
}
const bytes = (vectors: Float32Array[]) =>
  vectors.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex'));

describe('poolBatch', () => {
  it('pools here, to the same vectors, once the pooling thread has stopped, even with the batch', async () => {
    const expected = bytes(meanPoolNormalized(forwarded().hidden, forwarded().dims, forwarded().mask));
    const thread = await PoolingThread.start();
    expect(thread).not.toBeNull();
    expect(bytes((await poolBatch(thread, forwarded(), () => Promise.reject(new Error('not again')))).vectors)).toEqual(
      expected,
    );
    // A batch the thread cannot pool (a negative token count) ends it, with the batch's buffers.
    const broken = { ...forwarded(), dims: [3, -1, 16] };
    let again = 0;
    const pooled = await poolBatch(thread, broken, async () => {
      again++;
      return forwarded();
    });
    expect(broken.hidden.length).toBe(0);
    expect(again).toBe(1);
    expect(thread!.stopped).toBe(true);
    expect(bytes(pooled.vectors)).toEqual(expected);
    // Later batches are pooled here at once.
    expect(bytes((await poolBatch(thread, forwarded(), () => Promise.reject(new Error('not again')))).vectors)).toEqual(
      expected,
    );
  });

  it('keeps a model’s passages embedding, to the same vectors, after its pooling thread stopped', async () => {
    const options = { modelId: FIXTURE_MODEL_ID, modelsDir: fixtureModelsDir(), allowRemote: false, batchSize: 4 };
    const [embedder, reference] = await Promise.all([
      TransformersEmbedder.load(options),
      TransformersEmbedder.load(options),
    ]);
    const texts = Array.from({ length: 10 }, (_, i) => `Article ${i}: telemedicine ${'clinic '.repeat(i)}`);
    const expected = bytes(await reference.embedPassages(texts));
    expect(bytes(await embedder.embedPassages(texts))).toEqual(expected);
    // As a crash of the pooling thread would.
    const pooling = await (embedder as unknown as { poolingThread: Promise<PoolingThread | null> }).poolingThread;
    await (pooling as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(pooling?.stopped).toBe(true);
    expect(bytes(await embedder.embedPassages(texts))).toEqual(expected);
  });
});
