import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGAL_CHUNKING, useKeywordIndex } from '../fixtures/keyword-index.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/ingest/legal');
const legal = useKeywordIndex((corpus) => {
  for (const name of ['thong-tu-12-2031-tt-bkt.txt', 'circular-12-2031-tt-bkt-en.txt'])
    copyFileSync(path.join(FIXTURES, name), path.join(corpus, name));
}, LEGAL_CHUNKING);

describe('an instrument and its translation, across languages', () => {
  it('finds the Vietnamese original and the English translation of the circular an English question names', async () => {
    const answer = await legal.retriever.retrieve('Circular 12/2031/TT-BKT', { k: 10 });
    const files = new Set(answer.results.map((r) => r.chunk.file));
    expect(files).toEqual(new Set(['corpus/thong-tu-12-2031-tt-bkt.txt', 'corpus/circular-12-2031-tt-bkt-en.txt']));
  });

  it('ranks the named article of the named instrument first, in either language', async () => {
    const vi = await legal.retriever.retrieve('Điều 4 Thông tư 12/2031/TT-BKT quy định gì?');
    expect(vi.results[0]?.chunk.section.at(-1)).toBe('Điều 4. Thời hạn');
    const en = await legal.retriever.retrieve('What does Article 4 of Circular 12 say?');
    expect(
      en.results
        .slice(0, 2)
        .map((r) => r.chunk.section.at(-1))
        .sort(),
    ).toEqual(['Article 4. Period', 'Điều 4. Thời hạn']);
  });

  it('answers an intent question with the standard article, and a date-laden question without taking dates for numbers', async () => {
    const scope = await legal.retriever.retrieve('Thông tư 12 quy định về điều gì?');
    expect(scope.results[0]?.chunk.section.at(-1)).toBe('Điều 1. Phạm vi điều chỉnh');
    const banned = await legal.retriever.retrieve('Những hành vi nào bị nghiêm cấm?');
    expect(banned.results[0]?.chunk.section.at(-1)).toBe('Điều 5. Hành vi bị nghiêm cấm');
    const dated = await legal.retriever.retrieve('Hồ sơ ký ngày 03/10/2031 được lưu giữ bao lâu?');
    expect(dated.results[0]?.chunk.section.at(-1)).toBe('Điều 4. Thời hạn');
  });
});
