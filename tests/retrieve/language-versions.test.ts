import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/types.ts';
import { BUNDLED_CORPUS, LEGAL_CHUNKING, useKeywordIndex } from '../fixtures/keyword-index.ts';
import { CIRCULAR_49_FILES, writeCircular49 } from '../fixtures/legal-circular-49.ts';

// The bundled commentary (which discusses "Circular No. 49, 2017" in English) beside the
// circular itself in Vietnamese and in English translation.
const COMMENTARY = 'vietnam-healthcare-policy-analysis.txt';
const VI = `corpus/${CIRCULAR_49_FILES.vi}`;
const EN = `corpus/${CIRCULAR_49_FILES.en}`;
const versions = useKeywordIndex((corpus) => {
  writeCircular49(corpus);
  copyFileSync(path.join(BUNDLED_CORPUS, COMMENTARY), path.join(corpus, COMMENTARY));
}, LEGAL_CHUNKING);

const where = (answer: Answer) => answer.results.map((r) => [r.chunk.file, r.chunk.section.at(-1)]);

describe('an instrument named in a question, in every language the corpus holds it', () => {
  it('puts the Vietnamese original’s article beside the English translation’s for an English question', async () => {
    for (const question of [
      'Circular 49 transmission speed',
      'What does Circular 49/2017/TT-BYT require for the transmission line?',
    ]) {
      const answer = await versions.retriever.retrieve(question, { k: 3 });
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
    const answer = await versions.retriever.retrieve('What does Circular 49 require?');
    expect(new Set(answer.results.map((r) => r.chunk.file))).toEqual(new Set([VI, EN, `corpus/${COMMENTARY}`]));
    expect(answer.results.every((r) => r.relation === 'named')).toBe(true);
  });

  it('puts the English article second for a Vietnamese question, and pages on without repeating it', async () => {
    const first = await versions.retriever.retrieve('Thông tư 49 quy định gì về đường truyền?', { k: 2 });
    expect(where(first)).toEqual([
      [VI, 'Điều 4. Yêu cầu về đường truyền'],
      [EN, 'Article 4. Requirements for the transmission line'],
    ]);
    const next = await versions.retriever.retrieve('Thông tư 49 quy định gì về đường truyền?', { k: 3, offset: 2 });
    const ids = new Set(first.results.map((r) => r.chunk.id));
    expect(next.results.some((r) => ids.has(r.chunk.id))).toBe(false);
  });

  it('leaves a question that names no instrument to its words', async () => {
    const answer = await versions.retriever.retrieve('tốc độ đường truyền tối thiểu', { k: 3 });
    expect(answer.results.every((r) => r.chunk.file === VI)).toBe(true);
  });
});
