import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bm25Idf, bm25LengthNorm, bm25TermScore } from '../../../src/store/lexical/bm25.ts';
import { LexicalIndex } from '../../../src/store/lexical/lexical-index.ts';
import {
  DEFAULT_LEXICAL_OPTIONS,
  type LexicalInput,
  type LexicalOptions,
} from '../../../src/store/lexical/lexical-options.ts';
import { BARE } from './bare-options.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-lexical-index-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Plain tokens, so lengths and term frequencies can be counted by eye. */
const body = (text: string): LexicalInput => ({ title: '', section: '', text });

// Body lengths 3, 2, 4, 1, 2: avgdl 12 / 5 = 2.4, N 5.
const BODIES = ['alpha beta beta', 'beta gamma', 'gamma gamma gamma delta', 'delta', 'epsilon zeta'];
const index = LexicalIndex.build(BODIES.map(body), BARE);
const { k1, b } = DEFAULT_LEXICAL_OPTIONS;
/** Plain BM25 of one term in this collection with the given parameters. */
const bm25 = (tf: number, dl: number, df: number, k = k1, bb = b) => bm25TermScore(tf, dl, 2.4, df, 5, k, bb);

describe('LexicalIndex.search', () => {
  it('scores a body-only collection exactly as plain BM25 with the default k1 and b', () => {
    const hits = index.search('beta gamma', 10);
    // beta: df 2, tf 2 in doc 0 (dl 3), tf 1 in doc 1 (dl 2); gamma: df 2, tf 1 in doc 1, tf 3 in doc 2 (dl 4).
    const expected = [
      { doc: 1, score: bm25(1, 2, 2) + bm25(1, 2, 2) },
      { doc: 2, score: bm25(3, 4, 2) },
      { doc: 0, score: bm25(2, 3, 2) },
    ].sort((x, y) => y.score - x.score);
    expect(hits.map((h) => h.doc)).toEqual(expected.map((e) => e.doc));
    for (const [i, h] of hits.entries()) expect(h.score).toBeCloseTo(expected[i]!.score, 5);
    expect(index.size).toBe(5);
  });

  it('ranks by BM25: more occurrences in a shorter document first', () => {
    // delta: tf 1 in doc 2 (dl 4) and doc 3 (dl 1): the shorter one wins.
    expect(index.search('delta', 10).map((h) => h.doc)).toEqual([3, 2]);
  });

  it('gives ties to the lower ordinal', () => {
    const twins = LexicalIndex.build(
      [body('other words'), body('same text'), body('unrelated'), body('same text')],
      BARE,
    );
    const hits = twins.search('same', 10);
    expect(hits.map((h) => h.doc)).toEqual([1, 3]);
    expect(hits[0]!.score).toBe(hits[1]!.score);
  });

  it('never returns a document sharing no term with the query', () => {
    expect(index.search('epsilon', 10).map((h) => h.doc)).toEqual([4]);
    expect(index.search('unknown words only', 10)).toEqual([]);
    expect(index.search('', 10)).toEqual([]);
  });

  it('returns at most k hits, k rounded down, and none for k below 1', () => {
    const all = index.search('alpha beta gamma delta', 10);
    expect(all).toHaveLength(4);
    expect(index.search('alpha beta gamma delta', 2)).toEqual(all.slice(0, 2));
    expect(index.search('alpha beta gamma delta', 2.9)).toEqual(all.slice(0, 2));
    expect(index.search('alpha beta gamma delta', 0)).toEqual([]);
    expect(index.search('alpha beta gamma delta', 0.5)).toEqual([]);
    expect(index.search('alpha beta gamma delta', Number.NaN)).toEqual([]);
  });

  it('counts a repeated query term once per repetition', () => {
    const once = index.search('delta', 10);
    const thrice = index.search('delta Delta DELTA', 10);
    expect(thrice.map((h) => h.doc)).toEqual(once.map((h) => h.doc));
    for (const [i, h] of thrice.entries()) expect(h.score).toBeCloseTo(3 * once[i]!.score, 5);
  });

  it('analyzes the query the way it analyzed the documents', () => {
    const stemmed = LexicalIndex.build([
      body('The hospitals regulated telemedicine'),
      body('Vaccines are stored cold'),
    ]);
    expect(stemmed.search('hospital regulations', 10).map((h) => h.doc)).toEqual([0]);
    expect(stemmed.search('the are', 10)).toEqual([]);
  });

  it('finds a legal instrument by its identifier term across languages', () => {
    const laws = LexicalIndex.build([
      body('Thông tư 49/2017/TT-BYT quy định về y tế từ xa'),
      body('Quyết định 5316/QĐ-BYT phê duyệt'),
    ]);
    expect(laws.search('Circular No. 49', 10)[0]?.doc).toBe(0);
    expect(laws.analyze('Circular No. 49').at(-1)).toBe('§circular:49');
  });

  it('returns nothing from an index of no documents', () => {
    const empty = LexicalIndex.build([]);
    expect(empty.size).toBe(0);
    expect(empty.search('anything', 10)).toEqual([]);
    expect(empty.idf('anything')).toBe(0);
  });
});

describe('LexicalIndex fields', () => {
  const docs: LexicalInput[] = [
    { title: 'Vaccines', section: 'Storage', text: 'Hospitals keep telemedicine records of cold storage.' },
    { title: 'Telemedicine', section: 'Scope', text: 'Hospitals keep records of cold storage.' },
  ];

  it('ranks a title match above a body match when the title weighs more', () => {
    const fielded = LexicalIndex.build(docs, { ...BARE, fieldWeights: { title: 3, section: 1, body: 1 } });
    expect(fielded.search('telemedicine', 10).map((h) => h.doc)).toEqual([1, 0]);
  });

  it('lets the body match win when the title weighs nothing, and drops title-only matches', () => {
    const bodyOnly = LexicalIndex.build(docs, { ...BARE, fieldWeights: { title: 0, section: 1, body: 1 } });
    expect(bodyOnly.search('telemedicine', 10).map((h) => h.doc)).toEqual([0]);
  });

  it('sums normalised, weighted field frequencies before saturating once (BM25F)', () => {
    const one: LexicalInput[] = [
      { title: 'records', section: '', text: 'records of hospitals' },
      { title: 'vaccines', section: '', text: 'cold storage' },
    ];
    const fielded = LexicalIndex.build(one, {
      ...BARE,
      k1: 1.2,
      b: 0.75,
      fieldWeights: { title: 2, section: 1.5, body: 1 },
    });
    // Mean title length 1, mean body length (3 + 2) / 2 = 2.5; doc 0 has records once in each.
    const tf = 2 / bm25LengthNorm(1, 1, 0.75) + 1 / bm25LengthNorm(3, 2.5, 0.75);
    const expected = (bm25Idf(1, 2) * tf) / (1.2 + tf);
    const hits = fielded.search('records', 10);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.score).toBeCloseTo(expected, 5);
    // Not the sum of a title score and a body score, which would count the idf twice.
    expect(hits[0]!.score).toBeLessThan(bm25Idf(1, 2));
  });
});

describe('LexicalIndex.withScoring', () => {
  it('rescores with other k1 and b without rebuilding, leaving the original as it was', () => {
    const before = index.search('beta gamma', 10);
    const tuned = index.withScoring({ k1: 1.2, b: 0.75 });
    expect(tuned.options).toMatchObject({ k1: 1.2, b: 0.75, stemmer: 'none' });
    const hits = tuned.search('gamma', 10);
    expect(hits.map((h) => h.doc)).toEqual([2, 1]);
    expect(hits[0]!.score).toBeCloseTo(bm25(3, 4, 2, 1.2, 0.75), 5);
    expect(hits[1]!.score).toBeCloseTo(bm25(1, 2, 2, 1.2, 0.75), 5);
    expect(index.search('beta gamma', 10)).toEqual(before);
    expect(index.options.k1).toBe(DEFAULT_LEXICAL_OPTIONS.k1);
  });

  it('with k1 = 0 scores presence only: idf per matching term', () => {
    const presence = index.withScoring({ k1: 0 });
    const hits = presence.search('beta gamma', 10);
    // Doc 1 holds both terms, docs 0 and 2 one each; every idf is ln(1 + 3.5 / 2.5).
    const idf = Math.log(1 + 3.5 / 2.5);
    expect(hits.map((h) => [h.doc, h.score])).toEqual([
      [1, expect.closeTo(2 * idf, 5)],
      [0, expect.closeTo(idf, 5)],
      [2, expect.closeTo(idf, 5)],
    ]);
  });

  it('changes field weights without rebuilding', () => {
    const docs: LexicalInput[] = [
      { title: 'Vaccines', section: '', text: 'telemedicine telemedicine rules' },
      { title: 'Telemedicine', section: '', text: 'rules' },
    ];
    const flat = LexicalIndex.build(docs, { ...BARE, fieldWeights: { title: 1, section: 1, body: 1 } });
    expect(flat.search('telemedicine', 10)[0]?.doc).toBe(0);
    const titled = flat.withScoring({ fieldWeights: { title: 10, section: 1, body: 1 } });
    expect(titled.search('telemedicine', 10).map((h) => h.doc)).toEqual([1, 0]);
    expect(titled.options.fieldWeights).toEqual({ title: 10, section: 1, body: 1 });
  });

  it('refuses out-of-range scoring with CONFIG_INVALID', () => {
    expect(() => index.withScoring({ b: 2 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => LexicalIndex.build([body('x')], { k1: -1 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});

describe('LexicalIndex.searchTerms, idf and analyze', () => {
  it('weights analyzed terms as search counts repetitions, ignoring unknown terms and non-positive weights', () => {
    expect(index.searchTerms(new Map([['delta', 3]]), 10)).toEqual(index.search('delta delta delta', 10));
    const weighted = index.searchTerms(
      new Map([
        ['delta', 0.5],
        ['beta', 0],
        ['alpha', -1],
        ['nowhere', 2],
      ]),
      10,
    );
    const plain = index.search('delta', 10);
    expect(weighted.map((h) => h.doc)).toEqual(plain.map((h) => h.doc));
    for (const [i, h] of weighted.entries()) expect(h.score).toBeCloseTo(0.5 * plain[i]!.score, 5);
    expect(index.searchTerms(new Map([['delta', 1]]), 0)).toEqual([]);
  });

  it('gives the BM25 idf of a term, 0 for one no document contains', () => {
    expect(index.idf('gamma')).toBeCloseTo(bm25Idf(2, 5), 12);
    expect(index.idf('zeta')).toBeCloseTo(bm25Idf(1, 5), 12);
    expect(index.idf('nowhere')).toBe(0);
  });

  it('analyzes text with the index’s own settings', () => {
    expect(index.analyze('The Records of COVID-19')).toEqual(['the', 'records', 'of', 'covid', '19']);
    expect(LexicalIndex.build([]).analyze('The Records of COVID-19')).toEqual(['record', 'covid-19', 'covid', '19']);
  });
});

describe('LexicalIndex save → load', () => {
  const queries = ['beta gamma', 'delta', 'alpha epsilon zeta', 'nothing here'];

  it('reads back an index that returns the same results, options and idf', async () => {
    const dir = path.join(root, 'round-trip', 'nested');
    const tuned = index.withScoring({ k1: 1.5, b: 0.3 });
    await tuned.save(dir);
    const loaded = await LexicalIndex.load(dir);
    expect(loaded.size).toBe(5);
    expect(loaded.options).toEqual(tuned.options);
    for (const q of queries) expect(loaded.search(q, 10), q).toEqual(tuned.search(q, 10));
    expect(loaded.idf('gamma')).toBe(tuned.idf('gamma'));
    expect(loaded.analyze('Records')).toEqual(['records']);
  });

  it('round-trips an index built with the defaults, compounds and identifier terms included', async () => {
    const dir = path.join(root, 'defaults');
    const docs: LexicalInput[] = [
      {
        title: 'Circular 49/2017/TT-BYT',
        section: 'Chapter I › Scope',
        text: 'Thông tư quy định về hoạt động y tế từ xa (telemedicine).',
      },
      {
        title: 'Decision 5316/QĐ-BYT',
        section: 'Article 1',
        text: 'Approves the digital transformation programme; COVID-19 response.',
      },
      { title: 'Notes', section: '', text: 'The hospitals’ records are kept electronically.' },
    ];
    const built = LexicalIndex.build(docs);
    await built.save(dir);
    const loaded = await LexicalIndex.load(dir);
    for (const q of [
      'Circular 49',
      'thong tu 49/2017/tt-byt',
      'covid-19 digital',
      'hospital record',
      'quyết định 5316',
    ]) {
      expect(loaded.search(q, 10), q).toEqual(built.search(q, 10));
    }
    expect(loaded.search('Circular 49', 10)[0]?.doc).toBe(0);
  });

  it('round-trips an empty index', async () => {
    const dir = path.join(root, 'empty');
    await LexicalIndex.build([]).save(dir);
    const loaded = await LexicalIndex.load(dir);
    expect(loaded.size).toBe(0);
    expect(loaded.search('anything', 10)).toEqual([]);
  });

  it('says the index is missing when the folder holds none', async () => {
    await expect(LexicalIndex.load(path.join(root, 'nowhere'))).rejects.toMatchObject({ code: 'INDEX_MISSING' });
  });
});

describe('withScoring and undefined values', () => {
  it('keeps the index’s own setting for an option given as undefined', () => {
    const index = LexicalIndex.build([{ title: '', section: '', text: 'capital risk' }], {
      k1: 1.5,
      feedbackTerms: 7,
      fieldWeights: { title: 3, section: 1.5, body: 1 },
    });
    const tuned = index.withScoring({
      k1: undefined,
      b: 0.3,
      feedbackTerms: undefined,
      fieldWeights: { title: undefined } as unknown as LexicalOptions['fieldWeights'],
    });
    expect(tuned.options.k1).toBe(1.5);
    expect(tuned.options.b).toBe(0.3);
    expect(tuned.options.feedbackTerms).toBe(7);
    expect(tuned.options.fieldWeights.title).toBe(3);
  });
});
