import { describe, expect, it } from 'vitest';
import { accentedQueryUnits, accentScore, surfaceUnits } from '../../src/retrieve/accents.ts';

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
});
