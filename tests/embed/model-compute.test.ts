import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { multipliesMatrices } from '../../src/embed/model-compute.ts';
import { passageOnnxThreads } from '../../src/embed/onnx-threads.ts';
import { poolingFragment } from '../../src/embed/pooled-graph.ts';
import { buildFixtureModel, FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'policybot-model-compute-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

const lookup = (file: string) => readFile(path.join(fixtureModelsDir(), FIXTURE_MODEL_ID, 'onnx', file));
const layered = async () => {
  const { dir } = await buildFixtureModel(tmp, { encoderLayers: 1 });
  return readFile(path.join(dir, 'onnx', 'model.onnx'));
};

describe('multipliesMatrices', () => {
  it('is false for a model that only looks its tokens’ vectors up (fp32 and quantized)', async () => {
    expect(multipliesMatrices(await lookup('model.onnx'))).toBe(false);
    expect(multipliesMatrices(await lookup('model_quantized.onnx'))).toBe(false);
  });

  it('is true for a model with an encoder layer', async () => {
    expect(multipliesMatrices(await layered())).toBe(true);
  });

  it('is false for bytes that are not a model, leaving ONNX Runtime to say why', async () => {
    const model = await lookup('model.onnx');
    expect(multipliesMatrices(model.subarray(0, model.length / 2))).toBe(false);
  });

  it('reads a node appended after the weights (a merged graph)', async () => {
    const model = await lookup('model.onnx');
    const pooled = Buffer.concat([model, poolingFragment('last_hidden_state', 'source 1 2')]);
    expect(multipliesMatrices(pooled)).toBe(true);
  });
});

describe('passageOnnxThreads', () => {
  it('gives an encoder every CPU and a lookup half of them, at least one', async () => {
    const cpus = os.availableParallelism();
    expect(passageOnnxThreads(await layered())).toBe(cpus);
    expect(passageOnnxThreads(await lookup('model.onnx'))).toBe(Math.max(1, Math.floor(cpus / 2)));
  });

  it('leaves a CPU to the rest of the process when asked (the bot), at least one thread', async () => {
    const cpus = os.availableParallelism();
    expect(passageOnnxThreads(await layered(), true)).toBe(Math.max(1, cpus - 1));
    expect(passageOnnxThreads(await lookup('model.onnx'), true)).toBe(Math.max(1, Math.floor(cpus / 2)));
  });
});
