import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer } from '@xenova/transformers';
import { describe, expect, it } from 'vitest';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { fastWordPiece } from '../../src/embed/wordpiece.ts';
import { FIXTURE_E5_MODEL_ID } from '../fixtures/model/build-fixture-e5.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { normalizeLikeBert } from '../fixtures/model/fixture-vocabulary.ts';
import { prng } from '../fixtures/prng.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const SHARED_MODELS = path.resolve(import.meta.dirname, '../../../shared/models');
const CORPUS = path.resolve(import.meta.dirname, '../../corpus');

/** Words as the pre-tokenizer hands them over: the corpus's, pseudo-words, and odd ones. */
function words(): string[] {
  const corpus = readdirSync(CORPUS)
    .filter((n) => /\.(txt|md)$/.test(n))
    .flatMap((n) => normalizeLikeBert(readFileSync(path.join(CORPUS, n), 'utf8')).match(/[\p{L}\p{N}]+/gu) ?? []);
  const rand = prng(3);
  const letters = 'abcdefghijklmnopqrstuvwxyzđéü0123456789';
  const pseudo = Array.from({ length: 3000 }, () =>
    Array.from({ length: 1 + Math.floor(rand() * 24) }, () => letters[Math.floor(rand() * letters.length)]).join(''),
  );
  const odd = ['', 'a', '##', '##a', 'x'.repeat(100), 'x'.repeat(101), 'tele😀medicine', '𝔘𝔫𝔦', 'ﬁle', 'straße'];
  return [...new Set([...corpus, ...pseudo, ...odd])];
}

async function expectSamePieces(modelId: string, modelsDir: string): Promise<void> {
  configureTransformers({ modelsDir, allowRemote: false });
  const tokenizer = await AutoTokenizer.from_pretrained(modelId);
  const model = tokenizer.model as unknown as { encode(words: string[]): string[] };
  const original = model.encode.bind(model);
  const fast = fastWordPiece(model, original);
  expect(fast).not.toBeNull();
  const all = words();
  expect(all.length).toBeGreaterThan(3000);
  for (const word of all) expect(fast!(word), word).toEqual(original([word]));
}

describe('fastWordPiece', () => {
  it('splits words into the fixture WordPiece model’s own pieces', async () => {
    await expectSamePieces(FIXTURE_MODEL_ID, fixtureModelsDir());
  });

  it('is not used for a SentencePiece model', async () => {
    configureTransformers({ modelsDir: fixtureModelsDir(), allowRemote: false });
    const tokenizer = await AutoTokenizer.from_pretrained(FIXTURE_E5_MODEL_ID);
    expect(fastWordPiece(tokenizer.model, () => [])).toBeNull();
  });

  it.skipIf(!existsSync(path.join(SHARED_MODELS, 'Xenova/all-MiniLM-L6-v2/tokenizer.json')))(
    'splits words into the all-MiniLM-L6-v2 vocabulary’s own pieces',
    async () => {
      await expectSamePieces('Xenova/all-MiniLM-L6-v2', SHARED_MODELS);
    },
  );
});
