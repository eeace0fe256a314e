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

  it('emphasises the matched words inside the quote', () => {
    const quote = selectQuote(result(text, ['4mbps']), analyze, 60);
    const emphasised = quote.emphasis.map((s) => quote.text.slice(s.start, s.end));
    expect(emphasised).toEqual(['4Mbps']);
  });

  it('cuts an over-long sentence at a word boundary, never mid-word', () => {
    const long = `${'word '.repeat(100)}end.`;
    const quote = selectQuote(result(long, ['word']), analyze, 42);
    expect(quote.text.length).toBeLessThanOrEqual(42);
    expect(quote.text.endsWith('word')).toBe(true);
  });
});
