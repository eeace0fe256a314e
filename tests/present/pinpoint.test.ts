import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/discord/render-answer.ts';
import { chunkDocument } from '../../src/ingest/chunk-document.ts';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { extractIdentifiers } from '../../src/ingest/identifiers.ts';
import { parseTextDocument } from '../../src/ingest/parse-text.ts';
import { answerToJson } from '../../src/present/answer-json.ts';
import { pinpointOf } from '../../src/present/pinpoint.ts';
import { renderAnswerText } from '../../src/present/render-text.ts';
import type { Chunk } from '../../src/types.ts';
import { LEGAL_CHUNKING, useKeywordIndex } from '../fixtures/keyword-index.ts';
import { writeCircular49 } from '../fixtures/legal-circular-49.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-pinpoint-'));
const corpus = path.join(root, 'corpus');
mkdirSync(corpus, { recursive: true });
const files = writeCircular49(corpus);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const chunksOf = (file: string) =>
  chunkDocument(parseTextDocument(readFileSync(file), `corpus/${path.basename(file)}`, 'plain'), {
    maxTokens: 256,
    overlapTokens: 16,
    countTokens: estimateTokens,
    extractIdentifiers,
  });
const spanOf = (chunk: Chunk, text: string) => {
  const start = chunk.text.indexOf(text);
  expect(start).toBeGreaterThanOrEqual(0);
  return { start, end: start + text.length };
};
const article = (chunks: Chunk[], heading: string) => chunks.find((c) => c.section.at(-1) === heading)!;

describe('pinpoint citations', () => {
  const vi = chunksOf(files.vi);
  const en = chunksOf(files.en);

  it('names the point and clause a quote falls in, in the document’s language', () => {
    const dieu4 = article(vi, 'Điều 4. Yêu cầu về đường truyền');
    expect(pinpointOf(dieu4, spanOf(dieu4, 'a) Tốc độ tối thiểu 4 Mbps'))?.label).toBe('Điều 4 khoản 1 điểm a');
    expect(pinpointOf(dieu4, spanOf(dieu4, 'Dữ liệu hình ảnh được nén'))).toMatchObject({
      article: '4',
      clause: '2',
      point: null,
      language: 'vi',
      label: 'Điều 4 khoản 2',
    });
    const article4 = article(en, 'Article 4. Requirements for the transmission line');
    expect(pinpointOf(article4, spanOf(article4, 'b) A speed of at least 2 Mbps'))?.label).toBe('Article 4(1)(b)');
    expect(pinpointOf(article4, spanOf(article4, 'Image data is compressed'))?.label).toBe('Article 4(2)');
  });

  it('cites the clause when a quote spans its points, the article when it spans clauses or the lead-in', () => {
    const article3 = article(en, 'Article 3. Conditions on facilities');
    const clause1 = article3.text.slice(0, article3.text.indexOf('\n2. '));
    expect(pinpointOf(article3, spanOf(article3, clause1))?.label).toBe('Article 3(1)');
    expect(pinpointOf(article3, { start: 0, end: article3.text.length })?.label).toBe('Article 3');
    expect(pinpointOf(article3)?.label).toBe('Article 3');
    const scope = article(vi, 'Điều 1. Phạm vi điều chỉnh');
    expect(pinpointOf(scope)).toMatchObject({ article: '1', clause: null, label: 'Điều 1' });
  });

  it('knows the clause a passage continuing a long article starts in, and never guesses one it cannot see', () => {
    const parts = vi.filter((c) => c.section.at(-1) === 'Điều 6. Quy trình tư vấn từ xa');
    expect(parts.length).toBeGreaterThan(3);
    // A passage made of one sentence from the middle of clause 1: its clause line is in an
    // earlier passage, so only the article is cited.
    const middle = parts.find((c) => c.text.startsWith('Ở bước 1.3'))!;
    expect(pinpointOf(middle)?.label).toBe('Điều 6');
    // The end of clause 1 followed by clause 2's line: the first words are in clause 1.
    const joined = { ...middle, text: `${middle.text}\n${parts.find((c) => c.text.startsWith('2. '))!.text}` };
    expect(pinpointOf(joined, { start: 0, end: 20 })?.label).toBe('Điều 6 khoản 1');
    expect(pinpointOf(joined, spanOf(joined, 'Ở bước 2.1'))?.label).toBe('Điều 6 khoản 2');
  });

  it('is absent for passages outside any article (the header, the recipients)', () => {
    expect(pinpointOf(vi[0]!)).toBeUndefined();
    expect(pinpointOf(en.at(-1)!)).toBeUndefined();
  });
});

describe('pinpoints in answers: text, JSON and Discord embeds', () => {
  const legal = useKeywordIndex(corpus, LEGAL_CHUNKING);

  it('shows the clause of the quote under the citation, in the JSON and first in the embed’s citation line', async () => {
    const answer = await legal.retriever.retrieve('Who inspects the equipment, and how often?', { k: 2 });
    const analyze = (t: string) => legal.retriever.index.lexical.analyze(t);
    const top = answer.results[0]!;
    expect(top.chunk.section.at(-1)).toBe('Article 3. Conditions on facilities');
    expect(renderAnswerText(answer, analyze)).toContain('    Pinpoint: Article 3(2)\n');
    const json = answerToJson(answer, analyze);
    expect(json.results[0]!.quote).toBe('2. Equipment shall be inspected once a year.');
    expect(json.results[0]!.pinpoint).toEqual({
      article: '3',
      clause: '2',
      point: null,
      language: 'en',
      label: 'Article 3(2)',
    });
    const embed = renderAnswer(answer, analyze).embeds[0]!;
    expect(embed.title).toBe('[1] Article 3. Conditions on facilities');
    expect(embed.description).toMatch(/\n\*\*Article 3\(2\)\*\* · Circular 49\/2017\/TT-BYT: On telemedicine › /);
  });
});
