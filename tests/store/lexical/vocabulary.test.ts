import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../src/store/lexical/lexical-index.ts';

const doc = (text: string) => ({ title: '', section: '', text });

describe('closeTerms', () => {
  const index = LexicalIndex.build([
    doc('Telemedicine licenses for remote consultations.'),
    doc('Telemedicine and electronic records.'),
    doc('Electronic medical records by 2028 under Circular 46.'),
    doc('Circular 49 decisions on telehealth.'),
  ]);

  it('finds the stems within the allowed edits of a misspelt word, closest and most frequent first', () => {
    expect(index.closeTerms('telemedicn', 1).map((c) => c.term)).toEqual(['telemedicin']);
    expect(index.closeTerms('recrod', 1)[0]).toMatchObject({ term: 'record', distance: 1, df: 2 });
  });

  it('reads a trailing part beyond a stem as a suffix the stemmer cut, for one edit', () => {
    expect(index.closeTerms('decison', 1).map((c) => c.term)).toContain('decis');
  });

  it('never returns numbers, codes or identifier terms', () => {
    const terms = [...index.closeTerms('2027', 2), ...index.closeTerms('circular', 2)].map((c) => c.term);
    expect(terms.some((t) => /\d|§/.test(t))).toBe(false);
    expect(index.closeTerms('48', 2)).toEqual([]);
  });

  it('returns nothing further than allowed', () => {
    expect(index.closeTerms('telemedicn', 0)).toEqual([]);
    expect(index.closeTerms('zzzzzz', 2)).toEqual([]);
  });
});
