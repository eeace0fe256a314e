import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CORPUS, LEGAL_CHUNKING, useKeywordIndex } from '../fixtures/keyword-index.ts';
import { CIRCULAR_49_FILES, writeCircular49 } from '../fixtures/legal-circular-49.ts';

// The Vietnamese circular beside the bundled English commentary on "Circular No. 49, 2017":
// an English question shares no word with the Vietnamese articles.
const COMMENTARY = 'vietnam-healthcare-policy-analysis.txt';
const viAndCommentary = useKeywordIndex((corpus) => {
  writeCircular49(corpus);
  rmSync(path.join(corpus, CIRCULAR_49_FILES.en));
  copyFileSync(path.join(BUNDLED_CORPUS, COMMENTARY), path.join(corpus, COMMENTARY));
}, LEGAL_CHUNKING);
const allThree = useKeywordIndex((corpus) => {
  writeCircular49(corpus);
  copyFileSync(path.join(BUNDLED_CORPUS, COMMENTARY), path.join(corpus, COMMENTARY));
}, LEGAL_CHUNKING);

const heading = (r: { chunk: { section: string[] } }) => r.chunk.section.at(-1);

describe('the article type a question asks for, across languages', () => {
  it('ranks the Vietnamese "Hiệu lực thi hành" article in the top 2 for an English question on when the circular takes effect', async () => {
    for (const question of [
      'When does Circular 49 take effect?',
      'When does Circular 49 enter into force?',
      'Circular 49 effective date',
    ]) {
      const answer = await viAndCommentary.retriever.retrieve(question, { k: 3 });
      expect(answer.results.slice(0, 2).map(heading), question).toContain('Điều 7. Hiệu lực thi hành');
      const scores = answer.results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('puts the English and Vietnamese effect articles first when the corpus holds both', async () => {
    const answer = await allThree.retriever.retrieve('When does Circular 49 take effect?', { k: 3 });
    expect(answer.results.slice(0, 2).map(heading).sort()).toEqual(['Article 7. Effect', 'Điều 7. Hiệu lực thi hành']);
  });

  it('leaves the first place to the question words, and a question that asks for no article type alone', async () => {
    const line = await allThree.retriever.retrieve('Thông tư 49 quy định gì về đường truyền?', { k: 2 });
    expect(line.results.map(heading)).toEqual([
      'Điều 4. Yêu cầu về đường truyền',
      'Article 4. Requirements for the transmission line',
    ]);
    const answer = await viAndCommentary.retriever.retrieve('Who issued Circular 49?', { k: 3 });
    expect(answer.results.map(heading)).not.toContain('Điều 7. Hiệu lực thi hành');
  });
});
