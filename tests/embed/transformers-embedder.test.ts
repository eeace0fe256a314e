import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.ts';
import { HashEmbedder } from '../../src/embed/hash-embedder.ts';
import { PolicybotEmbeddings } from '../../src/embed/langchain-embeddings.ts';
import { loadEmbedder, loadTokenCounter } from '../../src/embed/load-embedder.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';

const modelsDir = process.env.POLICYBOT_FIXTURE_MODELS_DIR!;
const sharedModels = path.resolve(import.meta.dirname, '../../../shared/models');
const dot = (a: Float32Array | number[], b: Float32Array | number[]) => Array.from(a).reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

let embedder: Embedder;
beforeAll(async () => {
  embedder = await TransformersEmbedder.load({ modelId: 'policybot/tiny-bert', modelsDir, allowRemote: false });
});

describe('TransformersEmbedder (real transformers.js pipeline, fixture ONNX model from disk)', () => {
  it('produces normalised vectors of the model dimension (384, as all-MiniLM-L6-v2)', async () => {
    const v = await embedder.embedQuery('What does Circular 49 require?');
    expect(embedder.dimensions).toBe(384);
    expect(v).toHaveLength(384);
    expect(dot(v, v)).toBeCloseTo(1, 5);
  });

  it('puts a passage on the same topic closer than an unrelated one', async () => {
    const q = await embedder.embedQuery('telemedicine images network speed');
    const [near, far] = await embedder.embedPassages(['Telemedicine images must travel over a 4Mbps network.', 'Singapore reaffirmed its strategic partnership.']);
    expect(dot(q, near!)).toBeGreaterThan(dot(q, far!) + 0.1);
  });

  it('gives the same vectors in a batch as one by one', async () => {
    const texts = ['electronic medical records', 'a much longer passage about hospitals, clinics and their digital records', 'x'];
    const batch = await embedder.embedPassages(texts);
    for (const [i, t] of texts.entries()) {
      const [single] = await embedder.embedPassages([t]);
      for (let d = 0; d < 384; d++) expect(batch[i]![d]).toBeCloseTo(single![d]!, 5);
    }
  });

  it('applies the query and passage prefixes to their own side only', async () => {
    const prefixed = await TransformersEmbedder.load({ modelId: 'policybot/tiny-bert', modelsDir, allowRemote: false, queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    const [plainPassage] = await embedder.embedPassages(['passage: records']);
    const [prefixedPassage] = await prefixed.embedPassages(['records']);
    expect(Array.from(prefixedPassage!)).toEqual(Array.from(plainPassage!));
    expect(Array.from(await prefixed.embedQuery('records'))).toEqual(Array.from(await embedder.embedQuery('query: records')));
  });

  it('counts special tokens and truncates over-long input instead of failing', async () => {
    expect(embedder.countTokens('records')).toBe(3);
    expect(embedder.maxTokens).toBe(256);
    const [v] = await embedder.embedPassages(['records '.repeat(2000)]);
    expect(dot(v!, v!)).toBeCloseTo(1, 5);
  });
});

describe('loadEmbedder', () => {
  it('loads the fixture model', async () => {
    const { embedder: e, warning } = await loadEmbedder({ modelId: 'policybot/tiny-bert', modelsDir, allowRemote: false });
    expect(warning).toBeNull();
    expect(e?.modelId).toBe('policybot/tiny-bert');
  });

  it('returns no model and one clear warning when the model is missing and downloads are off', async () => {
    const started = Date.now();
    const { embedder: e, warning } = await loadEmbedder({ modelId: 'Xenova/all-MiniLM-L6-v2', modelsDir: path.join(modelsDir, 'nowhere'), allowRemote: false });
    expect(e).toBeNull();
    expect(warning).toMatch(/^Semantic search is off: could not load Xenova\/all-MiniLM-L6-v2 \(no model files in .+ and remote download is off\)\. Answers use keyword search only\. To enable it/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('returns no model when the hub cannot be reached, saying so', async () => {
    const { embedder: e, warning } = await loadEmbedder({ modelId: 'policybot/not-on-this-machine', modelsDir: path.join(modelsDir, 'nowhere'), allowRemote: true, timeoutMs: 20_000 });
    expect(e).toBeNull();
    expect(warning).toMatch(/^Semantic search is off/);
  });
});

describe('loadTokenCounter', () => {
  it('loads only the tokenizer of the fixture model', async () => {
    const counter = await loadTokenCounter({ modelId: 'policybot/tiny-bert', modelsDir, allowRemote: false });
    expect(counter?.countTokens('records')).toBe(3);
  });

  it.skipIf(!existsSync(path.join(sharedModels, 'Xenova/all-MiniLM-L6-v2/tokenizer.json')))('counts all-MiniLM-L6-v2 tokens from a folder without weights', async () => {
    const counter = await loadTokenCounter({ modelId: 'Xenova/all-MiniLM-L6-v2', modelsDir: sharedModels, allowRemote: false });
    expect(counter?.countTokens('This is an example sentence')).toBe(7);
  });

  it('returns null when no tokenizer is available', async () => {
    expect(await loadTokenCounter({ modelId: 'Xenova/none', modelsDir: path.join(modelsDir, 'nowhere'), allowRemote: false })).toBeNull();
  });
});

describe('PolicybotEmbeddings (LangChain)', () => {
  it('returns plain number arrays, passage side for documents and query side for queries', async () => {
    const lc = new PolicybotEmbeddings(new HashEmbedder({ dimensions: 16 }));
    const docs = await lc.embedDocuments(['a b', 'c']);
    expect(docs).toHaveLength(2);
    expect(docs[0]).toHaveLength(16);
    expect(typeof docs[0]![0]).toBe('number');
    expect(await lc.embedQuery('a b')).toEqual(docs[0]);
  });
});

describe('HashEmbedder', () => {
  it('is deterministic and normalised', async () => {
    const a = await new HashEmbedder().embedQuery('Circular 49');
    expect(Array.from(await new HashEmbedder().embedQuery('circular 49'))).toEqual(Array.from(a));
    expect(dot(a, a)).toBeCloseTo(1, 5);
  });
});
