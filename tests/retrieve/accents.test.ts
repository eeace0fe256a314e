import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/lib/fold.ts';
import { accentedQueryUnits, accentScore, accentScorer, surfaceUnits } from '../../src/retrieve/accents.ts';
import { prng } from '../fixtures/prng.ts';

/** The score as first written: each unit counted by two scans, of the passage folded and as typed. */
function referenceScore(units: readonly string[], text: string, idf: (t: string) => number): number {
  const count = (haystack: string, word: string) => {
    const wordChar = (i: number) => i >= 0 && i < haystack.length && /[\p{L}\p{N}\p{M}]/u.test(haystack[i]!);
    let n = 0;
    for (let at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + word.length)) {
      if (!wordChar(at - 1) && !wordChar(at + word.length)) n++;
    }
    return n;
  };
  const lower = text.normalize('NFC').toLowerCase();
  const folded = foldText(text);
  let score = 0;
  for (const unit of units) {
    const f = unit.split(' ').map(foldText).join(' ');
    const all = count(folded, f);
    if (all > 0) score += (idf(f) * count(lower, unit)) / all;
  }
  return score;
}

describe('accent-aware matching', () => {
  it('lists syllables as typed and their adjacent pairs', () => {
    expect(surfaceUnits('Hoa lợi, lợi tức')).toEqual(['hoa', 'lợi', 'lợi', 'tức', 'hoa lợi', 'lợi tức']);
  });

  it('has units only for a Vietnamese question typed with diacritics', () => {
    expect(accentedQueryUnits('Hoa lợi là gì?')).toContain('hoa lợi');
    expect(accentedQueryUnits('hoa loi la gi')).toEqual([]);
    expect(accentedQueryUnits('What is yield?')).toEqual([]);
  });

  it('scores the exact spelling above a word that folds the same', () => {
    const units = accentedQueryUnits('Hoa lợi, lợi tức là gì?');
    const idf = () => 1;
    const exact = accentScore(units, 'Hoa lợi, lợi tức là tài sản', idf);
    const folded = accentScore(units, 'Hòa lời, lỗi tục là tài sản', idf);
    expect(exact).toBeGreaterThan(folded);
    expect(accentScore([], 'anything', idf)).toBe(0);
  });

  it('counts whole words only, and the share of occurrences spelt as asked', () => {
    const idf = (t: string) => (t === 'hoa' ? 2 : 1);
    // "hoa" inside "hoàng" or "hoạch" is no occurrence; of the two that are, one is spelt "hoa".
    expect(accentScore(['hoa'], 'Hoàng hoa kế hoạch hòa', idf)).toBe(1);
    expect(accentScore(['hoa'], 'Hoàng, kế hoạch', idf)).toBe(0);
    // A pair counts where its two syllables stand side by side.
    expect(accentScore(['lợi tức'], 'lợi tức và lời tức; lợi, tức', () => 1)).toBe(0.5);
  });

  it('scores exactly as counting each unit in the whole passage folded and as typed, field by field, repeated and decomposed words included', () => {
    const rand = prng(21);
    const words = [
      'của',
      'cua',
      'CỦA',
      'cùa',
      'lợi',
      'lời',
      'lỗi',
      'tức',
      'tục',
      'hoa',
      'hòa',
      'hoà',
      'hóa',
      'Đ',
      'đồng',
    ];
    const pick = () => words[Math.floor(rand() * words.length)]!;
    const gaps = [' ', ' ', ' ', ', ', '\n', '  ', '-', 'x'];
    const idf = (t: string) => (t.length % 3) + (t.includes(' ') ? 0.5 : 0);
    for (let q = 0; q < 300; q++) {
      const units = accentedQueryUnits(`${Array.from({ length: 2 + Math.floor(rand() * 4) }, pick).join(' ')} là gì?`);
      const score = accentScorer(units, idf);
      let previous: string[] = [];
      let first: string[] = [];
      for (let p = 0; p < 10; p++) {
        // A passage's title, section path and text, scored apart and as the one text they make.
        const fields = [2, 3, 20].map((words) => {
          let text = pick();
          for (let w = 1; w < words; w++) text += gaps[Math.floor(rand() * gaps.length)]! + pick();
          return p === 9 ? text.normalize('NFD') : text;
        });
        // Passages of one document share its title, and often a section path (counted once per query).
        if (p % 2 === 1) fields.splice(0, p % 4 === 1 ? 1 : 2, ...previous.slice(0, p % 4 === 1 ? 1 : 2));
        // The first passage's title a third time (kept from its second).
        if (p === 7) fields[0] = first[0]!;
        if (p === 0) first = fields;
        previous = fields;
        const whole = fields.join('\n|\n');
        expect(score(fields), JSON.stringify({ units, fields })).toBe(referenceScore(units, whole, idf));
        expect(accentScore(units, whole, idf)).toBe(referenceScore(units, whole, idf));
      }
    }
  });
});
