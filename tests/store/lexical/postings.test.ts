import { describe, expect, it } from 'vitest';
import { LEXICAL_FIELDS } from '../../../src/store/lexical/lexical-options.ts';
import { buildPostings, type Postings } from '../../../src/store/lexical/postings.ts';
import { BARE } from './bare-options.ts';

const F = LEXICAL_FIELDS.length;

/** The posting list of `term` in `field` as [doc, tf] pairs. */
function list(postings: Postings, term: string, field: (typeof LEXICAL_FIELDS)[number]): [number, number][] {
  const t = postings.terms.indexOf(term);
  const at = t * F + LEXICAL_FIELDS.indexOf(field);
  const out: [number, number][] = [];
  for (let p = postings.offsets[at]!; p < postings.offsets[at + 1]!; p++)
    out.push([postings.docs[p]!, postings.tfs[p]!]);
  return out;
}

describe('buildPostings', () => {
  const inputs = [
    { title: 'Records', section: '', text: 'beta alpha beta' },
    { title: '', section: 'Alpha', text: 'gamma' },
    { title: 'beta', section: '', text: 'alpha alpha alpha beta' },
  ];
  const { postings, analyzer } = buildPostings(inputs, BARE);

  it('numbers terms in order of first sight, field by field (title, section, body) and doc by doc', () => {
    expect(LEXICAL_FIELDS).toEqual(['title', 'section', 'body']);
    expect(postings.terms).toEqual(['records', 'beta', 'alpha', 'gamma']);
    expect(analyzer.termCount).toBe(4);
    expect(postings.docCount).toBe(3);
  });

  it('lists each term’s documents per field, ascending, with their term frequencies', () => {
    expect(list(postings, 'beta', 'body')).toEqual([
      [0, 2],
      [2, 1],
    ]);
    expect(list(postings, 'beta', 'title')).toEqual([[2, 1]]);
    expect(list(postings, 'alpha', 'body')).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(list(postings, 'alpha', 'section')).toEqual([[1, 1]]);
    expect(list(postings, 'gamma', 'title')).toEqual([]);
    expect(postings.offsets).toHaveLength(4 * F + 1);
    expect(postings.offsets.at(-1)).toBe(postings.docs.length);
    expect(postings.docs.length).toBe(postings.tfs.length);
  });

  it('counts a document once in df however many fields hold the term', () => {
    expect(Array.from(postings.df)).toEqual([1, 2, 3, 1]);
  });

  it('records each field’s length in terms, doc·F + f', () => {
    expect(Array.from(postings.lengths)).toEqual([1, 0, 3, 0, 1, 1, 1, 0, 4]);
  });

  it('caps term frequencies at 65,535', () => {
    const big = buildPostings([{ title: '', section: '', text: 'x '.repeat(70_000) }], BARE).postings;
    expect(Array.from(big.tfs)).toEqual([65_535]);
    expect(big.lengths[2]).toBe(70_000);
  });

  it('grows past 1,024 terms and 1,024 postings', () => {
    const docs = Array.from({ length: 300 }, (_, d) => ({
      title: '',
      section: '',
      text: Array.from({ length: 10 }, (_, i) => `w${d * 7 + i}`).join(' '),
    }));
    const big = buildPostings(docs, BARE).postings;
    // Docs d and d+1 share three words (w7d+7 … w7d+9), so there are 300·7 + 3 distinct words.
    expect(big.terms).toHaveLength(2103);
    expect(big.docs).toHaveLength(3000);
    expect(list(big, 'w700', 'body')).toEqual([
      [99, 1],
      [100, 1],
    ]);
  });

  it('builds empty postings from no documents', () => {
    const empty = buildPostings([], BARE).postings;
    expect(empty).toMatchObject({ docCount: 0, terms: [] });
    expect(Array.from(empty.offsets)).toEqual([0]);
  });
});
