import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixtureModel, FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'policybot-fixture-model-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('buildFixtureModel', () => {
  it('was built by global setup into the folder tests read from the environment', async () => {
    const dir = path.join(fixtureModelsDir(), FIXTURE_MODEL_ID);
    for (const file of [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model.onnx',
      'onnx/model_quantized.onnx',
    ]) {
      expect((await stat(path.join(dir, file))).size).toBeGreaterThan(0);
    }
  });

  it('writes a small model byte-for-byte the same every time', async () => {
    const { modelId, dir } = await buildFixtureModel(path.join(tmp, 'a'));
    expect(modelId).toBe(FIXTURE_MODEL_ID);
    expect(dir).toBe(path.join(tmp, 'a', 'policybot', 'tiny-bert'));
    const again = await buildFixtureModel(path.join(tmp, 'b'));
    for (const file of ['tokenizer.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx']) {
      const size = (await stat(path.join(dir, file))).size;
      expect(size).toBeLessThan(2 * 1024 * 1024);
      // Buffer.equals: a deep toEqual over 300 kB is needlessly slow.
      expect((await readFile(path.join(again.dir, file))).equals(await readFile(path.join(dir, file)))).toBe(true);
    }
  });

  it('takes its vocabulary from the corpus it is given, plus its own word lists', async () => {
    const corpus = path.join(tmp, 'corpus');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'a.txt'), 'Zyxwords appear here: Ṱhêrmōmeter.');
    const { dir } = await buildFixtureModel(path.join(tmp, 'c'), { corpusDir: corpus });
    const vocab = (
      JSON.parse(await readFile(path.join(dir, 'tokenizer.json'), 'utf8')) as {
        model: { vocab: Record<string, number> };
      }
    ).model.vocab;
    expect(vocab).toMatchObject({ '[PAD]': 0, '[UNK]': 1, '[CLS]': 2, '[SEP]': 3, '[MASK]': 4 });
    expect(Object.keys(vocab)).toEqual(expect.arrayContaining(['zyxwords', 'thermometer', 'the', 'hospital', '##a']));
    const config = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as {
      vocab_size: number;
      model_type: string;
    };
    expect(config).toMatchObject({ model_type: 'bert', vocab_size: Object.keys(vocab).length });
  });

  it('stays under 2 MB however large the corpus, leaving out the rarest words first', async () => {
    const corpus = path.join(tmp, 'big-corpus');
    await mkdir(corpus);
    // 6,000 distinct made-up words seen once, and one seen often: far more than the size budget.
    const rare = Array.from({ length: 6000 }, (_, i) => `qz${i.toString(36)}`);
    await writeFile(path.join(corpus, 'big.md'), `${'frequentzz '.repeat(50)}${rare.join(' ')}`);
    const { dir } = await buildFixtureModel(path.join(tmp, 'd'), { corpusDir: corpus });
    expect((await stat(path.join(dir, 'onnx', 'model.onnx'))).size).toBeLessThan(2_000_000);
    const vocab = (
      JSON.parse(await readFile(path.join(dir, 'tokenizer.json'), 'utf8')) as {
        model: { vocab: Record<string, number> };
      }
    ).model.vocab;
    expect(Object.keys(vocab).length).toBeGreaterThan(1000);
    expect(vocab).toHaveProperty('frequentzz');
    expect(vocab).toHaveProperty('hospital');
    expect(vocab).not.toHaveProperty(rare.at(-1)!);
  });
});
