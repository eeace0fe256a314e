import { AutoTokenizer, type PreTrainedTokenizer } from '@xenova/transformers';
import { describe, expect, it } from 'vitest';
import { batchInputs, TokenIdCache } from '../../src/embed/token-ids.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { FIXTURE_E5_MODEL_ID } from '../fixtures/model/build-fixture-e5.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const TEXTS = [
  'Circular 49/2017/TT-BYT regulates telemedicine.',
  'Thông tư quy định về khám bệnh, chữa bệnh từ xa.',
  'x',
  `${'hospital records '.repeat(80)}end`,
];

const tensors = (inputs: Record<string, { data: unknown; dims: number[] } | undefined>) =>
  Object.fromEntries(
    Object.entries(inputs)
      .filter(([, t]) => t)
      .map(([key, t]) => [key, { dims: t!.dims, data: Array.from(t!.data as BigInt64Array) }]),
  );

async function expectSameAsTokenizer(modelId: string): Promise<void> {
  configureTransformers({ modelsDir: fixtureModelsDir(), allowRemote: false });
  const tokenizer: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(modelId);
  tokenizer.model_max_length = 64; // the long text is truncated, the others padded
  const theirs = tokenizer(TEXTS, { padding: true, truncation: true });
  const ours = batchInputs(
    TEXTS.map((t) => tokenizer.encode(t)),
    {
      maxLength: 64,
      padId: Number(tokenizer.pad_token_id),
      tokenTypeIds: Boolean((tokenizer as { return_token_type_ids?: boolean }).return_token_type_ids),
    },
  );
  expect(tensors(ours as never)).toEqual(tensors(theirs));
}

describe('batchInputs', () => {
  it('gives the tensors the WordPiece tokenizer’s padded, truncated call gives (token types included)', async () => {
    await expectSameAsTokenizer(FIXTURE_MODEL_ID);
  });

  it('gives the tensors the SentencePiece tokenizer’s call gives (pad id 1, no token types)', async () => {
    await expectSameAsTokenizer(FIXTURE_E5_MODEL_ID);
  });

  it('pads on the left for a tokenizer that pads there', () => {
    const { input_ids, attention_mask } = batchInputs([[5, 6, 7], [8]], {
      maxLength: 8,
      padId: 1,
      tokenTypeIds: false,
      padLeft: true,
    });
    expect(Array.from(input_ids.data as BigInt64Array)).toEqual([5n, 6n, 7n, 1n, 1n, 8n]);
    expect(Array.from(attention_mask.data as BigInt64Array)).toEqual([1n, 1n, 1n, 0n, 0n, 1n]);
  });
});

describe('TokenIdCache', () => {
  it('returns remembered ids and lets the oldest texts go past its bound', () => {
    const cache = new TokenIdCache(5);
    cache.remember('a', [1, 2]);
    cache.remember('b', [3, 4]);
    expect(Array.from(cache.recall('a')!)).toEqual([1, 2]);
    cache.remember('c', [5, 6]);
    expect(cache.recall('a')).toBeUndefined();
    expect(Array.from(cache.recall('c')!)).toEqual([5, 6]);
    cache.remember('huge', [1, 2, 3, 4, 5, 6]);
    expect(cache.recall('huge')).toBeUndefined();
  });
});

describe('TransformersEmbedder reusing chunk-sizing ids', () => {
  it('embeds a passage counted as it is embedded without tokenizing it again, to the same vector', async () => {
    const options = { modelId: FIXTURE_E5_MODEL_ID, modelsDir: fixtureModelsDir(), allowRemote: false };
    const counted = await TransformersEmbedder.load(options);
    const fresh = await TransformersEmbedder.load(options);
    for (const text of TEXTS) counted.countTokens(`passage: ${text}`);
    const reused = await counted.embedPassages(TEXTS);
    expect(counted.stats.idsReused).toBe(TEXTS.length);
    const tokenized = await fresh.embedPassages(TEXTS);
    expect(fresh.stats.idsReused).toBe(0);
    expect(reused.map((v) => Array.from(v))).toEqual(tokenized.map((v) => Array.from(v)));
  });
});

describe('TransformersEmbedder counting word by word', () => {
  it('keeps the ids of a passage as the chunker measures it (context line, line break, text), not of its parts', async () => {
    const options = { modelId: FIXTURE_MODEL_ID, modelsDir: fixtureModelsDir(), allowRemote: false };
    const counted = await TransformersEmbedder.load(options);
    const fresh = await TransformersEmbedder.load(options);
    const passages = TEXTS.map((text) => `Section › Part\n${text}`);
    // Parts first (a sentence, a word: no line break), then the passages themselves.
    for (const text of TEXTS) counted.countTokens(text);
    const partsOnly = await counted.embedPassages(TEXTS);
    expect(counted.stats.idsReused).toBe(0);
    for (const passage of passages) counted.countTokens(passage);
    const reused = await counted.embedPassages(passages);
    expect(counted.stats.idsReused).toBe(passages.length);
    expect(reused.map((v) => Array.from(v))).toEqual((await fresh.embedPassages(passages)).map((v) => Array.from(v)));
    expect(partsOnly.map((v) => Array.from(v))).toEqual((await fresh.embedPassages(TEXTS)).map((v) => Array.from(v)));
  });
});
