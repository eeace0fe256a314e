import { beforeAll, describe, expect, it } from 'vitest';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { FIXTURE_DIMENSIONS, FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { dot, fixtureModelsDir } from './fixture-models-dir.ts';

/** The real transformers.js pipeline, loading the fixture ONNX model from disk with downloads off. */
let embedder: TransformersEmbedder;
const load = (extra: Partial<Parameters<typeof TransformersEmbedder.load>[0]> = {}) =>
  TransformersEmbedder.load({ modelId: FIXTURE_MODEL_ID, modelsDir: fixtureModelsDir(), allowRemote: false, ...extra });

beforeAll(async () => {
  embedder = await load();
});

describe('TransformersEmbedder', () => {
  it('finds the dimension by embedding a probe and returns unit vectors of that size', async () => {
    expect(embedder.dimensions).toBe(FIXTURE_DIMENSIONS);
    expect(embedder.modelId).toBe(FIXTURE_MODEL_ID);
    const v = await embedder.embedQuery('What does Circular 49 require?');
    expect(v).toBeInstanceOf(Float32Array);
    expect(v).toHaveLength(FIXTURE_DIMENSIONS);
    expect(dot(v, v)).toBeCloseTo(1, 5);
  });

  it('puts a passage on the same topic closer to the query than an unrelated one', async () => {
    const q = await embedder.embedQuery('telemedicine images network speed');
    const [near, far] = await embedder.embedPassages([
      'Telemedicine images must travel over a network with a speed of at least 4 Mbps.',
      'Singapore reaffirmed its strategic partnership with the region.',
    ]);
    expect(dot(q, near!)).toBeGreaterThan(dot(q, far!) + 0.2);
  });

  it('gives the same vectors in a padded batch as one by one', async () => {
    const texts = [
      'electronic medical records',
      'a much longer passage about hospitals, clinics and their digital records',
      'x',
    ];
    const batch = await embedder.embedPassages(texts);
    for (const [i, text] of texts.entries()) {
      const [single] = await embedder.embedPassages([text]);
      for (let d = 0; d < FIXTURE_DIMENSIONS; d++) expect(batch[i]![d]).toBeCloseTo(single![d]!, 5);
    }
  });

  it('embeds in batches of batchSize and reports progress after each', async () => {
    const small = await load({ batchSize: 2 });
    const progress: [number, number][] = [];
    const vectors = await small.embedPassages(['a', 'b', 'c', 'd', 'e'], (done, total) => progress.push([done, total]));
    expect(vectors).toHaveLength(5);
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(await small.embedPassages([])).toEqual([]);
  });

  it('applies the query prefix to queries only and the passage prefix to passages only', async () => {
    const prefixed = await load({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect([prefixed.queryPrefix, prefixed.passagePrefix]).toEqual(['query: ', 'passage: ']);
    const [prefixedPassage] = await prefixed.embedPassages(['records']);
    const [spelledPassage] = await embedder.embedPassages(['passage: records']);
    expect(Array.from(prefixedPassage!)).toEqual(Array.from(spelledPassage!));
    expect(Array.from(await prefixed.embedQuery('records'))).toEqual(
      Array.from(await embedder.embedQuery('query: records')),
    );
    expect(Array.from(await prefixed.embedQuery('records'))).not.toEqual(Array.from(prefixedPassage!));
    expect(Array.from(await prefixed.embedQuery('records'))).not.toEqual(
      Array.from(await embedder.embedQuery('records')),
    );
  });

  it('counts tokens with the model tokenizer, [CLS] and [SEP] included', () => {
    expect(embedder.countTokens('records')).toBe(3);
    expect(embedder.countTokens('')).toBe(2);
    // BertPreTokenizer splits punctuation off: [CLS] health - care ? [SEP]
    expect(embedder.countTokens('Health-care?')).toBe(6);
  });

  it('caps the window at 256 tokens by default, or at maxTokens, never above the tokenizer limit', async () => {
    expect(embedder.maxTokens).toBe(256);
    expect((await load({ maxTokens: 64 })).maxTokens).toBe(64);
    expect((await load({ maxTokens: 4096 })).maxTokens).toBe(512);
  });

  it('truncates over-long input to the window instead of failing', async () => {
    const long = `telemedicine ${'records '.repeat(3000)}`;
    expect(embedder.countTokens(long)).toBeGreaterThan(3000);
    const [v] = await embedder.embedPassages([long]);
    expect(dot(v!, v!)).toBeCloseTo(1, 5);
    // Only the first 256 tokens count: appending more words past the window changes nothing.
    const [w] = await embedder.embedPassages([`${long} singapore partnership`]);
    expect(Array.from(w!)).toEqual(Array.from(v!));
  });

  it('loads the fp32 model.onnx as well, giving nearly the same vectors as the quantized one', async () => {
    const fp32 = await load({ quantized: false });
    const text = 'digital transformation of hospitals';
    expect(dot(await fp32.embedQuery(text), await embedder.embedQuery(text))).toBeGreaterThan(0.99);
  });

  it('reports loading progress for the model files', async () => {
    const files = new Set<string>();
    await load({ onDownloadProgress: (info) => files.add(info.file) });
    expect([...files]).toEqual(expect.arrayContaining(['tokenizer.json', 'config.json', 'onnx/model_quantized.onnx']));
  });
});
