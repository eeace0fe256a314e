import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForwardPassTiming } from '../../src/embed/forward-batch.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

/** 50 passages of many lengths: 7 batches of 8. */
const TEXTS = Array.from({ length: 50 }, (_, i) => `Article ${i}: telemedicine ${'clinic '.repeat(i % 13)}`.trim());
const options = { modelId: FIXTURE_MODEL_ID, modelsDir: fixtureModelsDir(), allowRemote: false, batchSize: 8 };
const now = () => performance.timeOrigin + performance.now();

let threaded: TransformersEmbedder;
let here: TransformersEmbedder;
beforeAll(async () => {
  [threaded, here] = await Promise.all([
    TransformersEmbedder.load({ ...options, passageThread: true }),
    TransformersEmbedder.load(options),
  ]);
});
afterAll(() => threaded.close());

/** The passes one embedPassages call ran, recorded in `stats.forwards`, and the call's start and end. */
async function timed(
  embedder: TransformersEmbedder,
): Promise<{ passes: ForwardPassTiming[]; from: number; to: number }> {
  const passes: ForwardPassTiming[] = [];
  embedder.stats.forwards = passes;
  const from = now();
  await embedder.embedPassages(TEXTS);
  const to = now();
  embedder.stats.forwards = null;
  return { passes, from, to };
}

describe('forward pass timings (for the ingest bench)', () => {
  it('are kept for each batch once stats.forwards is a list, on the passage thread with when the batch arrived', async () => {
    expect(threaded.passagesInBackground).toBe(true);
    const { passes } = await timed(threaded);
    expect(passes).toHaveLength(7);
    // Read on the passage thread's clock (the call's start and end, on this one's, may be off by a little).
    let arrived = 0;
    for (const pass of passes) {
      expect(pass.receivedAt).toBeGreaterThanOrEqual(arrived);
      expect(pass.startedAt).toBeGreaterThanOrEqual(pass.receivedAt!);
      expect(pass.ms).toBeGreaterThan(0);
      arrived = pass.receivedAt!;
    }
    const forwardMs = threaded.stats.forwardMs;
    await threaded.embedPassages(TEXTS);
    // Not kept once it is null again; the summed time still grows.
    expect(passes).toHaveLength(7);
    expect(threaded.stats.forwardMs).toBeGreaterThan(forwardMs);
  });

  it('are kept on the thread that runs the model, one after the other', async () => {
    const { passes, from, to } = await timed(here);
    expect(passes).toHaveLength(7);
    let end = from;
    for (const pass of passes) {
      expect(pass.receivedAt).toBeUndefined();
      expect(pass.startedAt).toBeGreaterThanOrEqual(end);
      end = pass.startedAt + pass.ms;
    }
    expect(end).toBeLessThanOrEqual(to);
  });
});
