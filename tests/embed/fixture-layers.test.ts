import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type FeatureExtractionPipeline, pipeline } from '@xenova/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { buildFixtureModel, FIXTURE_DIMENSIONS, FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { MINILM_ENCODER } from '../fixtures/model/fixture-encoder-layers.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'policybot-fixture-layers-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

const TEXTS = [
  'Circular 49/2017/TT-BYT on telemedicine',
  'Electronic medical records are kept for ten years by the hospital that made them.',
  'A patient may consult a doctor remotely.',
];

/** The real feature-extraction pipeline on a model under `modelsDir`, fp32 weights unless `quantized`. */
async function extractor(modelsDir: string, modelId: string, quantized = false): Promise<FeatureExtractionPipeline> {
  configureTransformers({ modelsDir, allowRemote: false });
  return pipeline('feature-extraction', modelId, { quantized });
}

/** Mean-pooled, normalised vectors, one per text, and the output's shape. */
async function embed(model: FeatureExtractionPipeline, texts: string[]): Promise<[Float32Array[], number[]]> {
  const output = await model(texts, { pooling: 'mean', normalize: true });
  const data = output.data as Float32Array;
  const width = output.dims.at(-1) ?? 0;
  return [texts.map((_, i) => data.slice(i * width, (i + 1) * width)), output.dims];
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let k = 0; k < a.length; k++) dot += a[k]! * b[k]!;
  return dot;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let most = 0;
  for (let k = 0; k < a.length; k++) most = Math.max(most, Math.abs(a[k]! - b[k]!));
  return most;
}

describe('buildFixtureModel with encoder layers (compute-realistic)', () => {
  // One layer: the same graph as six, a sixth of the cost.
  const built = Promise.all([
    buildFixtureModel(path.join(tmp, 'a'), { encoderLayers: 1 }),
    buildFixtureModel(path.join(tmp, 'b'), { encoderLayers: 1 }),
  ]);

  it('writes the same model every time, its config giving all-MiniLM-L6-v2’s encoder shape', async () => {
    const [a, b] = await built;
    expect(a.modelId).toBe(`${FIXTURE_MODEL_ID}-1-layers`);
    expect(a.dir).toBe(path.join(tmp, 'a', ...a.modelId.split('/')));
    for (const file of ['model.onnx', 'model_quantized.onnx']) {
      const bytes = await readFile(path.join(a.dir, 'onnx', file));
      expect(bytes.equals(await readFile(path.join(b.dir, 'onnx', file)))).toBe(true);
    }
    const model = await readFile(path.join(a.dir, 'onnx', 'model.onnx'));
    // A layer's weights: four 384 × 384 and two 384 × 1536 matrices of float32, besides the table.
    expect(model.byteLength).toBeGreaterThan((4 * 384 * 384 + 2 * 384 * 1536) * 4);
    const config = JSON.parse(await readFile(path.join(a.dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({
      model_type: 'bert',
      hidden_size: MINILM_ENCODER.hidden,
      num_attention_heads: MINILM_ENCODER.heads,
      intermediate_size: MINILM_ENCODER.intermediate,
      num_hidden_layers: 1,
    });
  });

  it('embeds through transformers.js: 384 values, near the plain fixture’s vectors but not equal', async () => {
    const [a] = await built;
    const [layered, dims] = await embed(await extractor(path.join(tmp, 'a'), a.modelId), TEXTS);
    expect(dims).toEqual([TEXTS.length, FIXTURE_DIMENSIONS]);
    // The plain fixture global setup built: the same corpus, so the same vocabulary and word vectors.
    const [plain] = await embed(await extractor(fixtureModelsDir(), FIXTURE_MODEL_ID), TEXTS);
    for (const [i, vector] of layered.entries()) {
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(cosine(vector, plain[i]!)).toBeGreaterThan(0.95);
      // The layers do run: each text's vector moves.
      expect(maxAbsDiff(vector, plain[i]!)).toBeGreaterThan(1e-4);
    }
    // Retrieval still means something: a text is far nearer itself under the plain model than another text.
    expect(cosine(layered[0]!, plain[1]!)).toBeLessThan(0.5);
  });

  it('masks padding: a passage alone and padded in a batch get the same vector', async () => {
    const [a] = await built;
    const model = await extractor(path.join(tmp, 'a'), a.modelId);
    const tokens = (text: string) => (model.tokenizer(text) as { input_ids: { dims: number[] } }).input_ids.dims.at(-1);
    // The first text is the shortest: in a batch with the second, it is padded.
    expect(tokens(TEXTS[0]!)).toBeLessThan(tokens(TEXTS[1]!)!);
    const [[alone]] = await embed(model, [TEXTS[0]!]);
    const [[padded]] = await embed(model, [TEXTS[0]!, TEXTS[1]!]);
    expect(maxAbsDiff(alone!, padded!)).toBeLessThanOrEqual(1e-5);
  });

  it('has int8 encoder weights in model_quantized.onnx, giving nearly the fp32 vectors', async () => {
    const [a] = await built;
    const [fp32] = await embed(await extractor(path.join(tmp, 'a'), a.modelId), TEXTS);
    const [int8, dims] = await embed(await extractor(path.join(tmp, 'a'), a.modelId, true), TEXTS);
    expect(dims).toEqual([TEXTS.length, FIXTURE_DIMENSIONS]);
    for (const [i, vector] of int8.entries()) {
      expect(cosine(vector, fp32[i]!)).toBeGreaterThan(0.999);
      expect(maxAbsDiff(vector, fp32[i]!)).toBeGreaterThan(0);
    }
    // About a quarter of the fp32 file: the layer's matrices take one byte a weight.
    const size = async (file: string) => (await readFile(path.join(a.dir, 'onnx', file))).byteLength;
    expect(await size('model_quantized.onnx')).toBeLessThan((await size('model.onnx')) / 2);
  });
});
