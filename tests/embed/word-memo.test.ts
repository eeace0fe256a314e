import { existsSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer } from '@xenova/transformers';
import { describe, expect, it } from 'vitest';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { rememberWordPieces } from '../../src/embed/word-memo.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const SHARED_MODELS = path.resolve(import.meta.dirname, '../../../shared/models');
const TEXTS = [
  'Circular 49/2017/TT-BYT regulates telemedicine; Decision 5316/QĐ-BYT approves the programme.',
  'Unaffordable telemedicine platforms, re-examined: hospitals’ 4 Mbps links and the tele-consultation logs.',
  'Thông tư quy định về khám bệnh, chữa bệnh từ xa. 远程医疗 服务',
  'kalomiten472 rasulde99 kalomiten472 ordys ordys ordys',
];

async function expectSameIds(modelId: string, modelsDir: string): Promise<void> {
  configureTransformers({ modelsDir, allowRemote: false });
  const plain = await AutoTokenizer.from_pretrained(modelId);
  const remembering = await AutoTokenizer.from_pretrained(modelId);
  expect(remembering.model).not.toBe(plain.model);
  // Twice: the second call must not wrap the memo in another one.
  rememberWordPieces(remembering);
  rememberWordPieces(remembering);
  for (let round = 0; round < 2; round++) {
    for (const text of TEXTS) expect(remembering.encode(text), text).toEqual(plain.encode(text));
  }
  const batch = (t: typeof plain) => t(TEXTS, { padding: true, truncation: true }).input_ids.data;
  expect(Array.from(batch(remembering) as BigInt64Array)).toEqual(Array.from(batch(plain) as BigInt64Array));
}

describe('rememberWordPieces', () => {
  it('leaves the fixture tokenizer’s ids unchanged, first time and remembered', async () => {
    await expectSameIds(FIXTURE_MODEL_ID, fixtureModelsDir());
  });

  it.skipIf(!existsSync(path.join(SHARED_MODELS, 'Xenova/all-MiniLM-L6-v2/tokenizer.json')))(
    'leaves the all-MiniLM-L6-v2 tokenizer’s ids unchanged',
    async () => {
      await expectSameIds('Xenova/all-MiniLM-L6-v2', SHARED_MODELS);
    },
  );
});
