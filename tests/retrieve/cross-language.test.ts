import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { loadIndex } from '../../src/store/load-index.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/ingest/legal');
const root = mkdtempSync(path.join(tmpdir(), 'policybot-legal-'));
let retriever: Retriever;

beforeAll(async () => {
  const corpus = path.join(root, 'corpus');
  mkdirSync(corpus, { recursive: true });
  for (const name of ['thong-tu-12-2031-tt-bkt.txt', 'circular-12-2031-tt-bkt-en.txt'])
    copyFileSync(path.join(FIXTURES, name), path.join(corpus, name));
  const indexDir = path.join(root, 'index');
  await buildIndex({
    corpusDir: corpus,
    indexDir,
    embedder: null,
    countTokens: estimateTokens,
    tokenizerId: 'estimate',
    maxTokens: 256,
    overlapTokens: 16,
  });
  retriever = new Retriever(await loadIndex(indexDir), null);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an instrument and its translation, across languages', () => {
  it('finds the Vietnamese original and the English translation of the circular an English question names', async () => {
    const answer = await retriever.retrieve('Circular 12/2031/TT-BKT', { k: 10 });
    const files = new Set(answer.results.map((r) => r.chunk.file));
    expect(files).toEqual(new Set(['corpus/thong-tu-12-2031-tt-bkt.txt', 'corpus/circular-12-2031-tt-bkt-en.txt']));
  });

  it('ranks the named article of the named instrument first, in either language', async () => {
    const vi = await retriever.retrieve('Điều 4 Thông tư 12/2031/TT-BKT quy định gì?');
    expect(vi.results[0]?.chunk.section.at(-1)).toBe('Điều 4. Thời hạn');
    const en = await retriever.retrieve('What does Article 4 of Circular 12 say?');
    expect(
      en.results
        .slice(0, 2)
        .map((r) => r.chunk.section.at(-1))
        .sort(),
    ).toEqual(['Article 4. Period', 'Điều 4. Thời hạn']);
  });

  it('answers an intent question with the standard article, and a date-laden question without taking dates for numbers', async () => {
    const scope = await retriever.retrieve('Thông tư 12 quy định về điều gì?');
    expect(scope.results[0]?.chunk.section.at(-1)).toBe('Điều 1. Phạm vi điều chỉnh');
    const banned = await retriever.retrieve('Những hành vi nào bị nghiêm cấm?');
    expect(banned.results[0]?.chunk.section.at(-1)).toBe('Điều 5. Hành vi bị nghiêm cấm');
    const dated = await retriever.retrieve('Hồ sơ ký ngày 03/10/2031 được lưu giữ bao lâu?');
    expect(dated.results[0]?.chunk.section.at(-1)).toBe('Điều 4. Thời hạn');
  });
});
