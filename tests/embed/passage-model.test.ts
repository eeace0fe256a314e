import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type FeatureExtractionPipeline, pipeline } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage } from '../../src/embed/onnx-wire.ts';
import { PassageModel, type PassageModelHooks } from '../../src/embed/passage-model.ts';
import { poolingFragment } from '../../src/embed/pooled-graph.ts';
import { batchOptionsOf } from '../../src/embed/token-ids.ts';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { buildFixtureModel, FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { expectCloseVectors } from './close-vectors.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

/** Passages of many lengths, so a batch is padded, and words the fixture spells letter by letter. */
const TEXTS = Array.from({ length: 40 }, (_, i) =>
  [`Article ${i}: telemedicine and electronic medical records`, 'zqx'.repeat(i % 5), 'clinic '.repeat(i % 13)].join(
    ' ',
  ),
);
const bytes = (vectors: Float32Array[]) =>
  vectors.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex'));

let work: string;
let extractor: FeatureExtractionPipeline;
/** The real feature-extraction pipeline's own vectors (mean pooling, normalised) for TEXTS. */
let expected: Float32Array[];
let lists: number[][];

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'policybot-passage-model-'));
  configureTransformers({ modelsDir: fixtureModelsDir(), allowRemote: false });
  extractor = await pipeline('feature-extraction', FIXTURE_MODEL_ID, { quantized: true });
  const out = await extractor(TEXTS, { pooling: 'mean', normalize: true });
  const width = out.dims.at(-1)!;
  const data = out.data as Float32Array;
  expected = TEXTS.map((_, i) => data.slice(i * width, (i + 1) * width));
  lists = TEXTS.map((text) => Array.from(extractor.tokenizer.encode(text)));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the fixture model in a folder of its own: where its pooled file is written. */
function modelCopy(name: string): { modelsDir: string; onnxDir: string } {
  const modelsDir = path.join(work, name);
  cpSync(path.join(fixtureModelsDir(), FIXTURE_MODEL_ID), path.join(modelsDir, FIXTURE_MODEL_ID), { recursive: true });
  rmSync(path.join(modelsDir, FIXTURE_MODEL_ID, 'onnx', 'model_quantized.pooled.onnx'), { force: true });
  return { modelsDir, onnxDir: path.join(modelsDir, FIXTURE_MODEL_ID, 'onnx') };
}

/** A file time in seconds (2020-09-13). */
const KEPT_TIME = 1_600_000_000;

const load = (modelsDir: string, hooks: PassageModelHooks = {}) =>
  PassageModel.load(
    { modelId: FIXTURE_MODEL_ID, modelsDir, quantized: true, batchOptions: batchOptionsOf(extractor.tokenizer) },
    hooks,
  );

/** TEXTS embedded in batches of 8. */
async function embedAll(model: PassageModel): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let i = 0; i < lists.length; i += 8) vectors.push(...(await model.embed(lists.slice(i, i + 8))).vectors);
  return vectors;
}

describe('PassageModel', () => {
  it('pools inside the model: the pipeline’s vectors to float32 rounding, the same bits each time', async () => {
    const { modelsDir, onnxDir } = modelCopy('pooled');
    // A time to the second, which the model keeps when its content changes below.
    const source = path.join(onnxDir, 'model_quantized.onnx');
    utimesSync(source, KEPT_TIME, KEPT_TIME);
    const warnings: string[] = [];
    const model = await load(modelsDir, { warn: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(model.pooledInModel).toBe(true);
    const vectors = await embedAll(model);
    expectCloseVectors(vectors, expected);
    expect(bytes(await embedAll(model))).toEqual(bytes(vectors));
    // Written once beside the model, then used as it is.
    const pooled = path.join(onnxDir, 'model_quantized.pooled.onnx');
    const written = statSync(pooled);
    expect(written.size).toBeGreaterThan(statSync(path.join(onnxDir, 'model_quantized.onnx')).size);
    const again = await load(modelsDir);
    expect(statSync(pooled).mtimeMs).toBe(written.mtimeMs);
    expect(bytes(await embedAll(again))).toEqual(bytes(vectors));
    // Made anew once the model's content changes, even at the same size and time: the middle
    // fifth of the file (inside the word table) moved by one quantisation step.
    const weights = readFileSync(source);
    for (let i = Math.floor(weights.length * 0.4); i < weights.length * 0.6; i++) weights[i]! ^= 1;
    writeFileSync(source, weights);
    utimesSync(source, KEPT_TIME, KEPT_TIME);
    const changed = await load(modelsDir);
    expect(changed.pooledInModel).toBe(true);
    const rewritten = statSync(pooled);
    expect(rewritten.mtimeMs).not.toBe(written.mtimeMs);
    expect(bytes(await embedAll(changed))).not.toEqual(bytes(vectors));
    // Not made anew for a new time alone.
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    await load(modelsDir);
    expect(statSync(pooled).mtimeMs).toBe(rewritten.mtimeMs);
  });

  it('pools a model with an encoder layer (attention, LayerNorm, fp32) to the pipeline’s vectors, to float32 rounding', async () => {
    const modelsDir = path.join(work, 'layered');
    const { modelId } = await buildFixtureModel(modelsDir, { encoderLayers: 1 });
    configureTransformers({ modelsDir, allowRemote: false });
    const layered = await pipeline('feature-extraction', modelId, { quantized: false });
    const out = await layered(TEXTS, { pooling: 'mean', normalize: true });
    const width = out.dims.at(-1)!;
    const reference = TEXTS.map((_, i) => (out.data as Float32Array).slice(i * width, (i + 1) * width));
    const model = await PassageModel.load(
      { modelId, modelsDir, quantized: false, batchOptions: batchOptionsOf(layered.tokenizer) },
      { warn: (w) => expect.fail(w) },
    );
    expect(model.pooledInModel).toBe(true);
    expectCloseVectors(await embedAll(model), reference);
  });

  it('writes the pooled model under the temporary folder when it cannot be written beside the model', async () => {
    const { modelsDir, onnxDir } = modelCopy('unwritable');
    // A folder where the file would go: it cannot be renamed there.
    mkdirSync(path.join(onnxDir, 'model_quantized.pooled.onnx'));
    const tmp = path.join(work, 'tmp');
    mkdirSync(tmp);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const model = await load(modelsDir, { warn: (w) => expect.fail(w) });
      expect(model.pooledInModel).toBe(true);
      expectCloseVectors(await embedAll(model), expected);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    const [folder] = readdirSync(tmp);
    expect(folder).toMatch(/^policybot-pooled-models-\d+$/);
    expect(statSync(path.join(tmp, folder!)).mode & 0o777).toBe(0o700);
  });

  it('warns and pools in JavaScript, to the pipeline’s vectors bit for bit, when the pooled model cannot be made or loaded', async () => {
    const { modelsDir, onnxDir } = modelCopy('fallback');
    const cannotMake = async () => {
      throw new Error('no room');
    };
    // An op ONNX Runtime does not have: the session cannot be created.
    const cannotLoad = async (source: string, model: Uint8Array) => {
      const node = encodeMessage([
        [1, 'last_hidden_state'],
        [2, 'unknown_output'],
        [4, 'NoSuchOperator'],
      ]);
      const file = path.join(onnxDir, 'unloadable.onnx');
      writeFileSync(file, Buffer.concat([model, encodeMessage([[7, encodeMessage([[1, node]])]])]));
      expect(source).toBe(path.join(onnxDir, 'model_quantized.onnx'));
      return file;
    };
    // The model itself: a session without the pooled output.
    const notPooled = async (source: string) => source;
    for (const [pooledFile, reason] of [
      [cannotMake, /no room/],
      [cannotLoad, /NoSuchOperator/],
      [notPooled, /no pooled output/],
    ] as const) {
      const warnings: string[] = [];
      const model = await load(modelsDir, { pooledFile, warn: (w) => warnings.push(w) });
      expect(model.pooledInModel).toBe(false);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^Passages are mean-pooled in JavaScript, not inside the model /);
      expect(warnings[0]).toMatch(reason);
      expect(bytes(await embedAll(model))).toEqual(bytes(expected));
    }
  });

  it('fails to load, without a warning about pooling, when the model itself cannot be loaded', async () => {
    const { modelsDir, onnxDir } = modelCopy('broken');
    const model = path.join(onnxDir, 'model_quantized.onnx');
    writeFileSync(model, readFileSync(model).subarray(0, 1000));
    const warnings: string[] = [];
    await expect(load(modelsDir, { warn: (w) => warnings.push(w) })).rejects.toThrow();
    expect(warnings).toEqual([]);
  });

  it('warns and pools in JavaScript from the first batch the pooled model cannot run', async () => {
    const { modelsDir, onnxDir } = modelCopy('unrunnable');
    // Pools the fixture's [batch, tokens] mask instead of its hidden state: MatMul fails unless tokens = batch.
    const pooledFile = async (_source: string, model: Uint8Array) => {
      const file = path.join(onnxDir, 'unrunnable.onnx');
      writeFileSync(file, Buffer.concat([model, poolingFragment('mask_float', 'test')]));
      return file;
    };
    const warnings: string[] = [];
    const model = await load(modelsDir, { pooledFile, warn: (w) => warnings.push(w) });
    expect(model.pooledInModel).toBe(true);
    expect(bytes(await embedAll(model))).toEqual(bytes(expected));
    expect(model.pooledInModel).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Passages are mean-pooled in JavaScript, not inside the model .*MatMul/);
  });
});
