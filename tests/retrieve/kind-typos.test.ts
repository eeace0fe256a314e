import { describe, expect, it } from 'vitest';
import { correctKindWords } from '../../src/retrieve/kind-typos.ts';
import { readQueryInstruments } from '../../src/retrieve/query-instruments.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

const bundled = useBundledIndex();
const keys = (question: string) => readQueryInstruments(question).map((id) => id.key);

describe('misspelt kind words before an instrument number', () => {
  it('reads a kind word one edit away as that kind, only before a number', () => {
    expect(keys('Decison 4888 goals')).toEqual(['decision:4888']);
    expect(keys('Circluar 49 requirements')).toEqual(['circular:49']);
    expect(keys('what does cirular no. 49 say')).toEqual(['circular:49']);
    expect(keys('Decrees 53 and 13')).toEqual(['decree:53', 'decree:13']);
    expect(keys('quyet dnh 4888')).toEqual(['decision:4888']);
    expect(keys('Decision 4888 and Decison 5316')).toEqual(['decision:4888', 'decision:5316']);
    expect(correctKindWords('the Decison was made')).toBe('the Decison was made');
  });

  it('leaves real words and words two edits away alone', () => {
    expect(keys('a degree 3 burn')).toEqual([]);
    expect(keys('directing 5 hospitals')).toEqual([]);
    expect(keys('Thong tu 49')).toEqual(['circular:49']);
    expect(correctKindWords('Decision 4888')).toBe('Decision 4888');
  });

  it('answers "Decison 4888 goals" with the passages about Decision 4888', async () => {
    const answer = await bundled.retriever.retrieve('Decison 4888 goals', { k: 3 });
    expect(answer.identifiers.map((id) => id.key)).toEqual(['decision:4888']);
    expect(answer.results[0]?.relation).toBe('named');
    expect(answer.results[0]?.chunk.text).toContain('Decision 4888/QD-BYT');
  });
});
