import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/store/lexical/analyzer.ts';
import { DEFAULT_ANALYZER_OPTIONS } from '../../../src/store/lexical/analyzer-options.ts';

const analyzer = () => new Analyzer(DEFAULT_ANALYZER_OPTIONS);

describe('Analyzer: languages', () => {
  it('never applies the English stop words to Vietnamese ("an", "to", "can", "the" are syllables)', () => {
    const terms = analyzer().analyze('Luật An ninh mạng; Cán bộ tổ chức; Thể lệ', true);
    expect(terms).toEqual(['luat', 'an', 'ninh', 'mang', 'can', 'bo', 'to', 'chuc', 'the', 'le']);
    // English keeps its stop words and stems, exactly as before.
    expect(analyzer().analyze('The records can be kept in the ministry', true)).toEqual(['record', 'kept', 'ministri']);
  });

  it('adds a term per pair of adjacent Vietnamese syllables, after the syllables, never across punctuation', () => {
    expect(analyzer().analyze('Tài sản hiện có, tài sản')).toEqual([
      'tai',
      'san',
      'hien',
      'co',
      'tai',
      'san',
      'tai san',
      'san hien',
      'hien co',
      'tai san',
    ]);
    // No pairs for English text.
    expect(analyzer().analyze('operational risk capital')).toEqual(['oper', 'risk', 'capit']);
  });

  it('cuts Vietnamese question boilerplate from questions, not from passages', () => {
    const a = analyzer();
    expect(a.analyzeQuery('Theo quy định, tài sản hiện có là gì?')).toEqual([
      'tai',
      'san',
      'hien',
      'co',
      'tai san',
      'san hien',
      'hien co',
    ]);
    expect(a.analyzeQuery('tai san hien co la gi')).toEqual([
      'tai',
      'san',
      'hien',
      'co',
      'tai san',
      'san hien',
      'hien co',
    ]);
    expect(a.analyze('Tài sản là gì')).toContain('la gi');
  });

  it('gives a question that may be Vietnamese without diacritics both analyses', () => {
    const terms = analyzer().analyzeQuery('an ninh mang');
    // English: "an" is a stop word; Vietnamese keeps it and pairs the syllables.
    expect(terms).toEqual(['ninh', 'mang', 'an', 'an ninh', 'ninh mang']);
  });

  it('turns Chinese and Japanese runs into overlapping bigrams, a lone character into itself', () => {
    expect(analyzer().analyze('遠距醫療')).toEqual(['遠距', '距醫', '醫療']);
    expect(analyzer().analyze('法 law')).toEqual(['法', 'law']);
    expect(analyzer().analyze('COVID-19疫苗')).toContain('疫苗');
  });

  it('analyses mixed and malformed input without throwing', () => {
    const a = analyzer();
    for (const text of ['Điều', 'Điều 5 khoản', 'Привет, Điều 5, 法律, and the law', '\ud800', '', '؟']) {
      expect(() => a.analyze(text)).not.toThrow();
      expect(() => a.analyzeQuery(text)).not.toThrow();
    }
  });

  it('gives the same terms to a passage through numbers and through strings', () => {
    const a = analyzer();
    const text = 'Điều 108. Tài sản hiện có và tài sản hình thành trong tương lai';
    const numbers: number[] = [];
    a.analyzeToNumbers(text, numbers);
    expect(numbers.map((n) => a.term(n))).toEqual(analyzer().analyze(text));
  });
});
