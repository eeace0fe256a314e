import { existsSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer } from '@xenova/transformers';
import { describe, expect, it } from 'vitest';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { tokenEncoder, wordByWordEncoder } from '../../src/embed/word-ids.ts';
import { rememberWordPieces } from '../../src/embed/word-memo.ts';
import { FIXTURE_E5_MODEL_ID } from '../fixtures/model/build-fixture-e5.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { prng } from '../fixtures/prng.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const SHARED_MODELS = path.resolve(import.meta.dirname, '../../../shared/models');
/** What a word-by-word encoder could get wrong: breaks other than spaces, accents, case, special tokens, long words. */
const TEXTS = [
  '',
  '   ',
  'Circular 49/2017/TT-BYT regulates telemedicine; Decision 5316/QĐ-BYT approves the programme.',
  '  leading and trailing\t\ttabs\r\nand CRLF lines \n',
  'Thông tư quy định về khám bệnh, chữa bệnh từ xa. 远程医疗服务 and 远程 医疗',
  'ΣΟΦΟΣ ΟΔΟΣ, Straße, İstanbul, ǅemal: case folds that depend on neighbours',
  'e\u0301te\u0301 with combining accents; a \u0301lone mark after a space',
  'no\u00a0break\u2003em\u2009thin\u3000ideographic spaces, zero\u200bwidth, soft\u00adhyphen, bom\ufeffin text',
  'control\u0000chars\u0007and\u0085next line\u000bvertical\u000cform feed, replacement \ufffd sign',
  '[MASK] [CLS]inside[SEP] x[MASK]y [mask] [ MASK ]',
  `${'a'.repeat(70)} ${'telemedicine'.repeat(9)} ${'x'.repeat(120)} long words`,
  'emoji 😀👍🏽 and surrogates 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, punctuation!!! (nested [brackets]) “quotes” — dashes…',
  'kalomiten472 rasulde99 kalomiten472 ordys ordys ordys',
  // Words of ASCII letters and digits only take a shorter path: every case, digits alone, unknown words.
  'MIXED Case WoRdS 2024 0 x9Y ABCdef123 UNKNOWNWORDZZZ Telemedicine TELEMEDICINE telemedicine',
];

async function expectSameIds(modelId: string, modelsDir: string, memo: boolean): Promise<void> {
  configureTransformers({ modelsDir, allowRemote: false });
  const tokenizer = await AutoTokenizer.from_pretrained(modelId);
  if (memo) rememberWordPieces(tokenizer);
  const encode = wordByWordEncoder(tokenizer);
  expect(encode).not.toBeNull();
  // Twice: the second time every word comes from the memo.
  for (let round = 0; round < 2; round++) {
    for (const text of TEXTS) {
      expect(Array.from(encode!.encode(text)), JSON.stringify(text)).toEqual(tokenizer.encode(text));
      expect(encode!.count(text), JSON.stringify(text)).toBe(tokenizer.encode(text).length);
    }
    expect(Array.from(encode!.encode(TEXTS.join(' \n')))).toEqual(tokenizer.encode(TEXTS.join(' \n')));
  }
}

/** countWords of any range adds up to the tokenizer's count of the range's text, less its special tokens. */
async function expectWordCountsAddUp(modelId: string, modelsDir: string): Promise<void> {
  configureTransformers({ modelsDir, allowRemote: false });
  const tokenizer = await AutoTokenizer.from_pretrained(modelId);
  rememberWordPieces(tokenizer);
  const { countWords } = tokenEncoder(tokenizer);
  expect(countWords).toBeDefined();
  const specials = tokenizer.encode('').length;
  const text = TEXTS.join(' \n');
  const rand = prng(7);
  const ranges = [
    [0, text.length],
    ...TEXTS.map(() => [rand() * text.length, rand() * text.length].sort((a, b) => a - b)),
  ];
  for (const [a, b] of ranges) {
    const [start, end] = [Math.floor(a!), Math.floor(b!)];
    const words = countWords!(text, start, end);
    const total = words.count > 0 ? words.sums[words.count - 1]! : 0;
    expect(total, `${start}-${end}`).toBe(tokenizer.encode(text.slice(start, end)).length - specials);
  }
}

describe('wordByWordEncoder', () => {
  it('gives the fixture tokenizer’s own ids, with and without the word-piece memo', async () => {
    await expectSameIds(FIXTURE_MODEL_ID, fixtureModelsDir(), false);
    await expectSameIds(FIXTURE_MODEL_ID, fixtureModelsDir(), true);
  });

  it('counts a range word by word to what the tokenizer counts for its text', async () => {
    await expectWordCountsAddUp(FIXTURE_MODEL_ID, fixtureModelsDir());
  });

  it('is not used for a SentencePiece tokenizer, whose words carry their spaces', async () => {
    configureTransformers({ modelsDir: fixtureModelsDir(), allowRemote: false });
    expect(wordByWordEncoder(await AutoTokenizer.from_pretrained(FIXTURE_E5_MODEL_ID))).toBeNull();
  });

  it.skipIf(!existsSync(path.join(SHARED_MODELS, 'Xenova/all-MiniLM-L6-v2/tokenizer.json')))(
    'gives the all-MiniLM-L6-v2 tokenizer’s own ids',
    async () => {
      await expectSameIds('Xenova/all-MiniLM-L6-v2', SHARED_MODELS, true);
    },
  );
});
