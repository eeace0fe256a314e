import { describe, expect, it } from 'vitest';
import { readBareInstruments } from '../../src/retrieve/bare-instruments.ts';
import { identifierTable } from '../../src/retrieve/identifier-lookup.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

/** Questions naming several instruments, bare or with a kind word, over the bundled corpus. */
const bundled = useBundledIndex();

const keys = (question: string) => readBareInstruments(question, identifierTable(bundled.index)).map((id) => id.key);

describe('readBareInstruments', () => {
  it('reads bare numbers compared as the instruments of the one kind the corpus numbers so', () => {
    expect(keys('46 vs 49')).toEqual(['circular:46', 'circular:49']);
    expect(keys('what is the difference between 4888 and 5316')).toEqual(['decision:4888', 'decision:5316']);
    expect(keys('so sánh 46 và 49')).toEqual(['circular:46', 'circular:49']);
  });

  it('gives the numbers the kind a kind word elsewhere in the question names, found or not', () => {
    expect(keys('compare the circulars, 46 and 99')).toEqual(['circular:46', 'circular:99']);
    expect(keys('hai thông tư 46 và 49')).toEqual(['circular:46', 'circular:49']);
  });

  it('reads nothing in counts, years, percentages or numbers the corpus does not number instruments with', () => {
    expect(keys('24 and 50 provinces')).toEqual([]);
    expect(keys('targets for 2025 and 2030')).toEqual([]);
    expect(keys('90% and 100%')).toEqual([]);
    expect(keys('46 or 7')).toEqual([]);
    expect(keys('Circular 46')).toEqual([]);
  });
});

describe('answers naming several instruments', () => {
  it('holds a passage about each named instrument in the first three, in the order named, in every form', async () => {
    const forms: [string, string[]][] = [
      ['46 vs 49', ['Circular 46', 'Circular No. 49']],
      ['49 vs 46', ['Circular No. 49', 'Circular 46']],
      ['Circulars 46 and 49', ['Circular 46', 'Circular No. 49']],
      ['Decisions 4888 and 5316', ['Decision 4888', 'Decision 5316']],
      ['Thông tư 46 và 49', ['Circular 46', 'Circular No. 49']],
      ['compare Circular 46 and 49', ['Circular 46', 'Circular No. 49']],
      ['Decision 5316 vs 89', ['Decision 5316', 'Decision 89']],
    ];
    for (const [question, names] of forms) {
      const answer = await bundled.retriever.retrieve(question, { k: 3 });
      expect(answer.identifiers.length, question).toBe(names.length);
      names.forEach((name, i) => {
        expect(answer.results[i]?.relation, question).toBe('named');
        expect(answer.results[i]?.chunk.text, `${question}: passage ${i + 1}`).toContain(name);
      });
      expect(answer.weak, question).toBe(false);
    }
  });

  it('shows first the passage that names Circular 46 in full, not one citing it in brackets', async () => {
    const answer = await bundled.retriever.retrieve('46 vs 49', { k: 3 });
    expect(answer.results[0]?.chunk.text).toContain(
      'Circular 46/2018/TT-BYT, which prescribed electronic medical records',
    );
  });
});
