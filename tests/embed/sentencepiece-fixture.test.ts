import { AutoTokenizer, type PreTrainedTokenizer } from '@xenova/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, loadTokenCounter } from '../../src/embed/load-embedder.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { rememberWordPieces } from '../../src/embed/word-memo.ts';
import { chunkDocument, formatEmbeddingInput } from '../../src/ingest/chunk-document.ts';
import { extractIdentifiers } from '../../src/ingest/identifiers.ts';
import { parseTextDocument } from '../../src/ingest/parse-text.ts';
import { FIXTURE_E5_MODEL_ID } from '../fixtures/model/build-fixture-e5.ts';
import { FIXTURE_DIMENSIONS } from '../fixtures/model/build-fixture-model.ts';
import { dot, fixtureModelsDir } from './fixture-models-dir.ts';

/**
 * The default model's tokenizer type (XLM-RoBERTa SentencePiece, Unigram) through the real
 * transformers.js code: the fixture model shaped like Xenova/multilingual-e5-small.
 */
const load = (extra: Partial<Parameters<typeof TransformersEmbedder.load>[0]> = {}) =>
  TransformersEmbedder.load({
    modelId: FIXTURE_E5_MODEL_ID,
    modelsDir: fixtureModelsDir(),
    allowRemote: false,
    ...extra,
  });

let tokenizer: PreTrainedTokenizer;
let embedder: TransformersEmbedder;

beforeAll(async () => {
  configureTransformers({ modelsDir: fixtureModelsDir(), allowRemote: false });
  tokenizer = await AutoTokenizer.from_pretrained(FIXTURE_E5_MODEL_ID);
  embedder = await load();
});

const pieces = (text: string) =>
  (tokenizer as unknown as { model: { convert_ids_to_tokens(ids: number[]): string[] } }).model.convert_ids_to_tokens(
    tokenizer.encode(text),
  );

describe('the SentencePiece (Unigram) fixture tokenizer', () => {
  it('loads as transformers.js loads multilingual-e5-small’s: XLMRobertaTokenizer over a Unigram model', () => {
    expect(tokenizer.constructor.name).toBe('XLMRobertaTokenizer');
    expect((tokenizer as unknown as { model: object }).model.constructor.name).toBe('Unigram');
    expect(tokenizer.model_max_length).toBe(512);
    expect(tokenizer.pad_token_id).toBe(1);
  });

  it('cuts text at word boundaries into ▁words, between <s> and </s>, keeping case', () => {
    expect(pieces('What does Circular 49 require?')).toEqual([
      '<s>',
      '▁What',
      '▁does',
      '▁Circular',
      '▁49',
      '▁require',
      '?',
      '</s>',
    ]);
  });

  it('keeps Vietnamese syllables whole (no accent stripping) and spells out unknown words', () => {
    expect(pieces('Thông tư quy định về khám bệnh từ xa')).toEqual([
      '<s>',
      '▁Thông',
      '▁tư',
      '▁quy',
      '▁định',
      '▁về',
      '▁khám',
      '▁bệnh',
      '▁từ',
      '▁xa',
      '</s>',
    ]);
    expect(pieces('Zyx')).toEqual(['<s>', '▁', 'Z', 'y', 'x', '</s>']);
    expect(tokenizer.decode(tokenizer.encode('Điều 5. Thông tư số 49'), { skip_special_tokens: true })).toBe(
      'Điều 5. Thông tư số 49',
    );
  });

  it('normalises as SentencePiece’s nmt_nfkc does: newlines and runs of spaces are one boundary', () => {
    expect(tokenizer.encode('telemedicine   records\nnetwork')).toEqual(
      tokenizer.encode('telemedicine records network'),
    );
  });

  it('gives the same ids with the word memo as without it, Viterbi over the whole text', async () => {
    const remembering = await AutoTokenizer.from_pretrained(FIXTURE_E5_MODEL_ID);
    rememberWordPieces(remembering);
    const texts = [
      'Circular 49/2017/TT-BYT regulates telemedicine; Decision 5316/QĐ-BYT approves the programme.',
      'Thông tư quy định về khám bệnh, chữa bệnh từ xa. 远程医疗 服务 越南遠距醫療',
      `${'telemedicine records zyxwv '.repeat(40)}  trailing`,
      '',
    ];
    for (let round = 0; round < 2; round++)
      for (const text of texts) expect(remembering.encode(text), text).toEqual(tokenizer.encode(text));
  });
});

describe('the e5 fixture model through TransformersEmbedder', () => {
  it('applies the e5 prefixes by default and embeds 384-d unit vectors', async () => {
    expect([embedder.queryPrefix, embedder.passagePrefix]).toEqual(['query: ', 'passage: ']);
    expect(embedder.dimensions).toBe(FIXTURE_DIMENSIONS);
    const q = await embedder.embedQuery('telemedicine network speed');
    expect(dot(q, q)).toBeCloseTo(1, 5);
    expect(Array.from(q)).toEqual(
      Array.from(await (await load({ queryPrefix: '' })).embedQuery('query: telemedicine network speed')),
    );
  });

  it('lets an explicitly empty prefix switch the default off', async () => {
    const bare = await load({ queryPrefix: '', passagePrefix: '' });
    expect([bare.queryPrefix, bare.passagePrefix]).toEqual(['', '']);
    const [withDefault] = await embedder.embedPassages(['hospital records']);
    const [without] = await bare.embedPassages(['hospital records']);
    expect(Array.from(without!)).not.toEqual(Array.from(withDefault!));
    const [spelled] = await bare.embedPassages(['passage: hospital records']);
    expect(Array.from(spelled!)).toEqual(Array.from(withDefault!));
  });

  it('puts a Vietnamese passage on the question’s topic above an unrelated one', async () => {
    const q = await embedder.embedQuery('khám bệnh từ xa');
    const [near, far] = await embedder.embedPassages([
      'Thông tư quy định về khám bệnh, chữa bệnh từ xa.',
      'Singapore reaffirmed its strategic partnership with the region.',
    ]);
    expect(dot(q, near!)).toBeGreaterThan(dot(q, far!) + 0.2);
  });

  it('counts tokens as the tokenizer encodes them, <s> and </s> included', () => {
    expect(embedder.countTokens('')).toBe(2);
    expect(embedder.countTokens('What does Circular 49 require?')).toBe(8);
  });

  it('loads through loadEmbedder with no warning, the path ask and ingest take', async () => {
    const loaded = await loadEmbedder({
      modelId: FIXTURE_E5_MODEL_ID,
      modelsDir: fixtureModelsDir(),
      allowRemote: false,
    });
    expect(loaded.warning).toBeNull();
    expect(loaded.embedder?.passagePrefix).toBe('passage: ');
  });
});

describe('chunk sizes in the SentencePiece tokenizer’s tokens', () => {
  it('keeps every passage, prefix and context line included, within the window as the tokenizer counts it', async () => {
    const counter = await loadTokenCounter({
      modelId: FIXTURE_E5_MODEL_ID,
      modelsDir: fixtureModelsDir(),
      allowRemote: false,
    });
    expect(counter?.tokenizerId).toBe(FIXTURE_E5_MODEL_ID);
    const sentences = Array.from(
      { length: 120 },
      (_, i) => `Điều ${i + 1}. Cơ sở khám bệnh, chữa bệnh từ xa phải lưu hồ sơ telemedicine records ${i}.`,
    );
    const doc = parseTextDocument(Buffer.from(`Thông tư 49\n\n${sentences.join(' ')}\n`), 'thong-tu.txt', 'plain');
    const chunks = chunkDocument(doc, {
      maxTokens: 64,
      overlapTokens: 8,
      countTokens: counter!.countTokens,
      passagePrefix: 'passage: ',
      extractIdentifiers,
    });
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) {
      expect(tokenizer.encode(formatEmbeddingInput(chunk, 'passage: ')).length).toBeLessThanOrEqual(64);
    }
  });
});
