import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { loadIndex } from '../../src/store/load-index.ts';
import type { Answer } from '../../src/types.ts';
import { CIRCULAR_49_FILES, writeCircular49 } from '../fixtures/legal-circular-49.ts';

// The bundled commentary (which discusses "Circular No. 49, 2017" in English) beside the
// circular itself in Vietnamese and in English translation.
const root = mkdtempSync(path.join(tmpdir(), 'policybot-versions-'));
const COMMENTARY = 'vietnam-healthcare-policy-analysis.txt';
const VI = `corpus/${CIRCULAR_49_FILES.vi}`;
const EN = `corpus/${CIRCULAR_49_FILES.en}`;
let retriever: Retriever;

beforeAll(async () => {
  const corpus = path.join(root, 'corpus');
  mkdirSync(corpus, { recursive: true });
  writeCircular49(corpus);
  copyFileSync(path.join(import.meta.dirname, '../../corpus', COMMENTARY), path.join(corpus, COMMENTARY));
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

const where = (answer: Answer) => answer.results.map((r) => [r.chunk.file, r.chunk.section.at(-1)]);

describe('an instrument named in a question, in every language the corpus holds it', () => {
  it('puts the Vietnamese original’s article beside the English translation’s for an English question', async () => {
    for (const question of [
      'Circular 49 transmission speed',
      'What does Circular 49/2017/TT-BYT require for the transmission line?',
    ]) {
      const answer = await retriever.retrieve(question, { k: 3 });
      expect(where(answer).slice(0, 2)).toEqual([
        [EN, 'Article 4. Requirements for the transmission line'],
        [VI, 'Điều 4. Yêu cầu về đường truyền'],
      ]);
      const scores = answer.results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('shows both versions and the commentary for a question naming only the circular', async () => {
    // The default five passages.
    const answer = await retriever.retrieve('What does Circular 49 require?');
    expect(new Set(answer.results.map((r) => r.chunk.file))).toEqual(new Set([VI, EN, `corpus/${COMMENTARY}`]));
    expect(answer.results.every((r) => r.relation === 'named')).toBe(true);
  });

  it('puts the English article second for a Vietnamese question, and pages on without repeating it', async () => {
    const first = await retriever.retrieve('Thông tư 49 quy định gì về đường truyền?', { k: 2 });
    expect(where(first)).toEqual([
      [VI, 'Điều 4. Yêu cầu về đường truyền'],
      [EN, 'Article 4. Requirements for the transmission line'],
    ]);
    const next = await retriever.retrieve('Thông tư 49 quy định gì về đường truyền?', { k: 3, offset: 2 });
    const ids = new Set(first.results.map((r) => r.chunk.id));
    expect(next.results.some((r) => ids.has(r.chunk.id))).toBe(false);
  });

  it('leaves a question that names no instrument to its words', async () => {
    const answer = await retriever.retrieve('tốc độ đường truyền tối thiểu', { k: 3 });
    expect(answer.results.every((r) => r.chunk.file === VI)).toBe(true);
  });
});
