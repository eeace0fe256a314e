import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AutoModel, type PreTrainedModel, type Tensor } from '@xenova/transformers';
import { afterEach, describe, expect, it } from 'vitest';
import { withOnnxThreads } from '../../src/embed/onnx-threads.ts';
import { batchInputs } from '../../src/embed/token-ids.ts';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { nameThread } from '../../src/lib/thread-name.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const file = () => path.join(fixtureModelsDir(), FIXTURE_MODEL_ID, 'onnx', 'model_quantized.onnx');
const load = () => {
  configureTransformers({ modelsDir: fixtureModelsDir(), allowRemote: false });
  return AutoModel.from_pretrained(FIXTURE_MODEL_ID, { quantized: true, revision: 'main' });
};
/** This process's threads named `name`, this one aside. */
const named = (name: string) =>
  readdirSync('/proc/self/task').filter((tid) => {
    if (tid === path.basename(readlinkSync('/proc/thread-self'))) return false;
    try {
      return readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === name;
    } catch {
      return false;
    }
  }).length;
const hidden = async (model: PreTrainedModel) => {
  const lists = [
    [101, 7, 8, 9, 102],
    [101, 12, 102],
  ];
  const outputs = (await model(batchInputs(lists, { maxLength: 16, padId: 0, tokenTypeIds: true }))) as {
    last_hidden_state: Tensor;
  };
  return Array.from(outputs.last_hidden_state.data as Float32Array);
};

afterEach(() => nameThread('node'));

describe('withOnnxThreads', () => {
  it.runIf(process.platform === 'linux')('gives the model’s session the threads asked for', async () => {
    // Threads this thread starts take its name: ONNX Runtime's pool has threads − 1 of its own.
    await readFile(file());
    nameThread('onnx-test-3');
    await withOnnxThreads(file(), 3, load);
    nameThread('onnx-test-1');
    await withOnnxThreads(file(), 1, load);
    expect(named('onnx-test-3')).toBe(2);
    expect(named('onnx-test-1')).toBe(0);
  });

  it('runs the same model: the same hidden states as transformers.js’s own session', async () => {
    const ours = await withOnnxThreads(file(), 1, load);
    const theirs = await load();
    expect(await hidden(ours)).toEqual(await hidden(theirs));
  });

  it('creates the session as transformers.js asks when the file is not the model’s', async () => {
    const model = await withOnnxThreads(path.join(fixtureModelsDir(), 'no-such-file.onnx'), 3, load);
    expect(await hidden(model)).toEqual(await hidden(await load()));
  });
});
