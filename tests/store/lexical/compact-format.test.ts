import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../src/store/lexical/lexical-index.ts';
import type { LexicalInput } from '../../../src/store/lexical/lexical-options.ts';
import { loadLexical } from '../../../src/store/lexical/lexical-storage.ts';
import { buildPostings } from '../../../src/store/lexical/postings.ts';
import { writeCircular49 } from '../../fixtures/legal-circular-49.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-compact-format-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The circular's paragraphs as passages: each under the file's first line, as a title. */
function passages(file: string): LexicalInput[] {
  const [title = '', ...rest] = readFileSync(file, 'utf8').split(/\n\s*\n/);
  return rest.map((text, i) => ({ title, section: i % 3 === 0 ? text.split('\n')[0]! : '', text }));
}

const files = writeCircular49(root);
const vietnamese = passages(files.vi);
const english = passages(files.en);
const QUESTIONS = [
  'Thông tư 49 quy định gì về khám bệnh từ xa?',
  'trach nhiem cua co so kham benh',
  'hồ sơ bệnh án điện tử',
  'What does Circular 49/2017/TT-BYT require for telemedicine?',
  'responsibilities of medical facilities',
];

describe.each([
  ['Vietnamese and English', [...vietnamese, ...english]],
  ['English alone', english],
])('the compact lexical files, on the circular in %s', (_, docs) => {
  const built = LexicalIndex.build(docs);
  const dir = path.join(root, `index-${docs.length}`);

  it('load back the same postings, pairs and forward index', async () => {
    await built.save(dir);
    const { postings } = buildPostings(docs, built.options);
    const loaded = await loadLexical(dir);
    expect(loaded.postings.terms).toEqual(postings.terms);
    expect(loaded.postings.pairs.wordCount).toBe(postings.pairs.wordCount);
    for (const key of ['df', 'offsets', 'docs', 'tfs', 'lengths'] as const)
      expect(Array.from(loaded.postings[key]), key).toEqual(Array.from(postings[key]));
    expect(Array.from(loaded.postings.pairs.second)).toEqual(Array.from(postings.pairs.second));
    expect(Array.from(loaded.postings.pairs.firstStart)).toEqual(Array.from(postings.pairs.firstStart));
  });

  it('read each passage’s terms back exactly as the analyzer emits them, pairs included', async () => {
    const loaded = await LexicalIndex.load(dir);
    const text = (index: LexicalIndex, ids: Uint32Array) => Array.from(ids, (id) => index.termText(id));
    for (const [doc, input] of docs.entries()) {
      const expected = [input.title, input.section, input.text].map((t) => built.analyze(t));
      const words = [input.title, input.section, input.text].map((t) => built.analyzeWords(t));
      for (const index of [built, loaded]) {
        const all = index.passageTerms(doc);
        expect(text(index, all.ids)).toEqual(expected.flat());
        expect(all.ends).toEqual([expected[0]!.length, expected[0]!.length + expected[1]!.length, all.ids.length]);
        expect(text(index, index.passageWords(doc).ids)).toEqual(words.flat());
      }
    }
  });

  it('find every term by its text, and rank every question the same once loaded', async () => {
    const loaded = await LexicalIndex.load(dir);
    const termCount = (await loadLexical(dir)).postings.terms.length;
    for (let id = 0; id < termCount; id++) expect(loaded.termId(built.termText(id))).toBe(id);
    for (const question of QUESTIONS) expect(loaded.search(question, 20)).toEqual(built.search(question, 20));
  });
});

describe('term numbering', () => {
  const index = LexicalIndex.build(vietnamese);
  const { postings } = buildPostings(vietnamese, index.options);
  const { wordCount } = postings.pairs;

  it('numbers the words first and the syllable pairs after them, ordered by their syllables', () => {
    expect(postings.terms.length).toBeGreaterThan(wordCount);
    expect(postings.terms.slice(0, wordCount).some((t) => t.includes(' '))).toBe(false);
    const pairs = postings.terms.slice(wordCount);
    expect(pairs.every((t) => t.split(' ').length === 2)).toBe(true);
    const ranks = pairs.map((t) => t.split(' ').map((w) => postings.terms.indexOf(w)));
    const sorted = [...ranks].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(ranks).toEqual(sorted);
  });

  it('resolves a pair term from its syllables, and knows no pair the passages do not have', () => {
    const id = index.termId('kham benh');
    expect(id).toBeGreaterThanOrEqual(wordCount);
    expect(index.termText(id!)).toBe('kham benh');
    expect(index.docFrequency('kham benh')).toBeGreaterThan(0);
    expect(index.termId('benh kham')).toBeUndefined();
    expect(index.termId('kham zzz')).toBeUndefined();
  });

  it('stores the pairs as syllable ids, not as text', async () => {
    const dir = path.join(root, 'numbering');
    await index.save(dir);
    const words = readFileSync(path.join(dir, 'lexical.words.txt'), 'utf8').split('\n');
    expect(words).toHaveLength(wordCount);
    expect(words).not.toContain('kham benh');
  });
});

describe('documents past 65,536 passages', () => {
  it('are stored in 32 bits and read back exactly', async () => {
    const docs = Array.from({ length: 70_000 }, (_, i) => ({
      title: '',
      section: '',
      text: i % 9 ? 'luat' : 'luat dat dai',
    }));
    const index = LexicalIndex.build(docs);
    const dir = path.join(root, 'wide');
    await index.save(dir);
    const header = JSON.parse(readFileSync(path.join(dir, 'lexical.json'), 'utf8')) as { docBytes: number };
    expect(header.docBytes).toBe(4);
    const loaded = await LexicalIndex.load(dir);
    const hits = loaded.search('dat dai', 10_000);
    expect(hits).toHaveLength(Math.ceil(70_000 / 9));
    expect(hits.at(-1)?.doc).toBe(69_993);
    expect(hits).toEqual(index.search('dat dai', 10_000));
  });
});
