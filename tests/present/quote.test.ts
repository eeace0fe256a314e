import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/lib/text.ts';
import { selectQuote } from '../../src/present/quote.ts';
import type { SearchResult } from '../../src/types.ts';

const analyze = (text: string) => foldText(text).match(/[a-z0-9]+/g) ?? [];

function result(text: string, terms: string[]): SearchResult {
  const chunk = {
    id: 'c',
    file: 'corpus/a.txt',
    title: 'T',
    section: [],
    text,
    charStart: 100,
    charEnd: 100 + text.length,
    page: null,
    identifiers: [],
    tokens: 10,
  };
  return {
    rank: 1,
    score: 1,
    chunk,
    matchedIdentifiers: [],
    otherIdentifiers: [],
    matchedTerms: terms,
    relation: 'related',
  };
}

describe('selectQuote', () => {
  const text =
    'The regulation has 14 articles. Images must travel over a 4Mbps network. Storage and compression of images is regulated. Training is remote.';

  it('picks the sentences holding the query terms and keeps them verbatim', () => {
    const quote = selectQuote(result(text, ['images', '4mbps', 'compression']), analyze, 100);
    expect(text.slice(quote.start, quote.end)).toBe(quote.text);
    expect(quote.text).toBe('Images must travel over a 4Mbps network. Storage and compression of images is regulated.');
    expect(quote.charStart).toBe(100 + quote.start);
  });

  it('grows a short quote with the next sentence of its paragraph, never into the next paragraph', () => {
    const same = 'Clinics file reports yearly. Hospitals keep them for ten years at the provincial office.';
    expect(selectQuote(result(same, ['clinics']), analyze, 300).text).toBe(same);
    const next =
      'Clinics file reports yearly.\u00a0\n\nThe archive moved to Hanoi in 2020 with new shelving for records.';
    expect(selectQuote(result(next, ['clinics']), analyze, 300).text).toBe('Clinics file reports yearly.');
  });

  it('emphasises the matched words inside the quote', () => {
    const quote = selectQuote(result(text, ['4mbps']), analyze, 60);
    const emphasised = quote.emphasis.map((s) => quote.text.slice(s.start, s.end));
    expect(emphasised).toEqual(['4Mbps']);
  });

  it('marks only words spelt as the question typed them, when it types diacritics', () => {
    // "tư" and "từ" both fold to "tu": a question typing "tư" must not mark "từ".
    const vi = 'Thông tư 49 có hiệu lực kể từ ngày 01 tháng 3 năm 2018.';
    const terms = [
      { term: 'thong', weight: 1 },
      { term: 'tu', weight: 1 },
      { term: '49', weight: 2 },
    ];
    const marked = (query: string | undefined) => {
      const quote = selectQuote(result(vi, ['thong', 'tu', '49']), analyze, 200, { terms, intents: [], query });
      return quote.emphasis.map((s) => quote.text.slice(s.start, s.end));
    };
    expect(marked('Điều 4 khoản 1 Thông tư 49')).toEqual(['Thông', 'tư', '49']);
    // Typed without diacritics, or with no question text, the folded match stays.
    expect(marked('dieu 4 khoan 1 thong tu 49')).toEqual(['Thông', 'tư', '49', 'từ']);
    expect(marked(undefined)).toEqual(['Thông', 'tư', '49', 'từ']);
  });

  it('cuts an over-long sentence at a word boundary, never mid-word', () => {
    const long = `${'word '.repeat(100)}end.`;
    const quote = selectQuote(result(long, ['word']), analyze, 42);
    expect(quote.text.length).toBeLessThanOrEqual(42);
    expect(quote.text.endsWith('word')).toBe(true);
  });
});

describe('selectQuote on passages without sentence boundaries', () => {
  it('cuts a table row at a word boundary and keeps it verbatim', () => {
    const row =
      'Province | Rollout round | Year | Hanoi | first | 2019 | Da Nang | first | 2019 | Can Tho | second | 2021 '.repeat(
        4,
      );
    const quote = selectQuote(result(row, ['hanoi']), analyze, 70);
    expect(quote.text).toBe(row.slice(quote.start, quote.end));
    expect(quote.text.length).toBeLessThanOrEqual(70);
    expect(row[quote.end]).toMatch(/\s/);
  });

  it('never cuts inside a surrogate pair when the text has no white space', () => {
    const text = '𠀀'.repeat(50);
    const quote = selectQuote(result(text, []), analyze, 31);
    expect(quote.text.length).toBe(30);
    expect(quote.text).toBe('𠀀'.repeat(15));
  });

  it('quotes the lead of a passage that shares no word with the question', () => {
    const quote = selectQuote(result('First sentence here. Second one.', ['absent']), analyze, 100, {
      terms: [{ term: 'absent', weight: 2 }],
      intents: [],
    });
    expect(quote.text.startsWith('First sentence here.')).toBe(true);
  });

  it('gives the same quote for the same passage text, and a new one when the text changes', () => {
    const first = selectQuote(result('Alpha rules apply. Beta rules differ.', ['beta']), analyze, 20);
    const second = selectQuote(result('Gamma rules apply. Delta rules differ.', ['delta']), analyze, 20);
    expect(first.text).toBe('Beta rules differ.');
    expect(second.text).toBe('Delta rules differ.');
  });
});
