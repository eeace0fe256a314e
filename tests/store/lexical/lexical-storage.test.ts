import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../src/store/lexical/lexical-index.ts';
import { DEFAULT_LEXICAL_OPTIONS, resolveLexicalOptions } from '../../../src/store/lexical/lexical-options.ts';
import {
  LEXICAL_FORMAT_VERSION,
  LEXICAL_HEADER_FILE,
  loadLexical,
  saveLexical,
} from '../../../src/store/lexical/lexical-storage.ts';
import { buildPostings } from '../../../src/store/lexical/postings.ts';
import { encodeSentences } from '../../../src/store/lexical/sentence-table.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-lexical-storage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = resolveLexicalOptions({ stemmer: 'none', k1: 1.1 });
const docs = [
  { title: 'Telemedicine', section: 'Scope', text: 'Circular 49/2017/TT-BYT regulates telemedicine.' },
  { title: 'Records', section: '', text: 'Electronic medical records are kept for ten years. Hospitals must comply.' },
  { title: '', section: 'Annex', text: 'telemedicine records' },
];
const { postings, forward } = buildPostings(docs, options);
const sentences = encodeSentences(docs.map((d) => d.text));

let dir: string;
let n = 0;
beforeEach(async () => {
  dir = path.join(root, `index-${++n}`);
  mkdirSync(dir);
  await saveLexical(dir, postings, forward, sentences, options);
});

const file = (name: string) => path.join(dir, name);
const readHeader = () => JSON.parse(readFileSync(file(LEXICAL_HEADER_FILE), 'utf8')) as Record<string, unknown>;
const writeHeader = (header: unknown) => writeFileSync(file(LEXICAL_HEADER_FILE), JSON.stringify(header));
const refusal = (code: string) => ({ code, hint: expect.stringContaining('npm run ingest') });

describe('saveLexical → loadLexical', () => {
  it('writes a JSON header and one file per array', () => {
    expect(readdirSync(dir).sort()).toEqual([
      'lexical.docs.bin',
      'lexical.forward-offsets.u32',
      'lexical.forward.varint',
      'lexical.json',
      'lexical.lengths.bin',
      'lexical.lists.varint',
      'lexical.pairs.varint',
      'lexical.sentence-offsets.u32',
      'lexical.sentences.varint',
      'lexical.tf-bits',
      'lexical.tf-extra.varint',
      'lexical.words.txt',
    ]);
    expect(readHeader()).toEqual({
      formatVersion: LEXICAL_FORMAT_VERSION,
      byteOrder: 'LE',
      options,
      docCount: 3,
      termCount: postings.terms.length,
      wordCount: postings.terms.length,
      postingCount: postings.docs.length,
      fieldCount: 3,
      listBytes: readFileSync(file('lexical.lists.varint')).byteLength,
      pairBytes: 0,
      docBytes: 2,
      tfExtraBytes: 0,
      lengthBytes: 1,
      forwardBytes: forward.bytes.length,
      sentenceBytes: sentences.bytes.length,
    });
    // English text: no pairs, so an empty pairs file.
    expect(readFileSync(file('lexical.words.txt'), 'utf8').split('\n')).toEqual(postings.terms);
    // Three passages: documents in 16 bits; every term once per field, so no tf beyond 1.
    expect(readFileSync(file('lexical.docs.bin')).byteLength).toBe(2 * postings.docs.length);
    expect(readFileSync(file('lexical.tf-bits')).byteLength).toBe(Math.ceil(postings.tfs.length / 8));
    expect(readFileSync(file('lexical.lengths.bin')).byteLength).toBe(postings.lengths.length);
  });

  it('reads back the same postings and options', async () => {
    const loaded = await loadLexical(dir);
    expect(loaded.options).toEqual(options);
    expect(loaded.postings.docCount).toBe(3);
    expect(loaded.postings.terms).toEqual(postings.terms);
    expect(loaded.postings.pairs.wordCount).toBe(postings.terms.length);
    for (const key of ['df', 'offsets', 'docs', 'tfs', 'lengths'] as const) {
      expect(Array.from(loaded.postings[key]), key).toEqual(Array.from(postings[key]));
    }
    expect(Array.from(loaded.forward.offsets)).toEqual(Array.from(forward.offsets));
    expect(Array.from(loaded.forward.bytes)).toEqual(Array.from(forward.bytes));
    expect(Array.from(loaded.sentences.offsets)).toEqual(Array.from(sentences.offsets));
    expect(Array.from(loaded.sentences.bytes)).toEqual(Array.from(sentences.bytes));
  });

  it('reads an older header without the refinement options with their defaults', async () => {
    const header = readHeader();
    const saved = header.options as typeof options;
    // An index written before the refinements recorded only the analyzer and scoring settings.
    const { stemmer, stopWords, compoundTokens, identifierTokens, k1, b, fieldWeights } = saved;
    writeHeader({ ...header, options: { stemmer, stopWords, compoundTokens, identifierTokens, k1, b, fieldWeights } });
    const loaded = await loadLexical(dir);
    expect(loaded.options).toEqual({ ...DEFAULT_LEXICAL_OPTIONS, stemmer: 'none', k1: 1.1 });
  });
});

describe('loadLexical refuses', () => {
  it('a folder without a header as INDEX_MISSING', async () => {
    unlinkSync(file(LEXICAL_HEADER_FILE));
    await expect(loadLexical(dir)).rejects.toMatchObject(refusal('INDEX_MISSING'));
    await expect(loadLexical(path.join(root, 'absent'))).rejects.toMatchObject(refusal('INDEX_MISSING'));
  });

  it('a missing array file as INDEX_MISSING, naming it', async () => {
    unlinkSync(file('lexical.tf-bits'));
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_MISSING'),
      message: expect.stringContaining('lexical.tf-bits'),
    });
  });

  it('another format version as INDEX_INCOMPATIBLE', async () => {
    writeHeader({ ...readHeader(), formatVersion: LEXICAL_FORMAT_VERSION + 1 });
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_INCOMPATIBLE'),
      message: expect.stringContaining(`version ${LEXICAL_FORMAT_VERSION + 1}`),
    });
    await expect(LexicalIndex.load(dir)).rejects.toMatchObject(refusal('INDEX_INCOMPATIBLE'));
  });

  it('a header that is not JSON as INDEX_CORRUPT', async () => {
    writeFileSync(file(LEXICAL_HEADER_FILE), '{"formatVersion": 1, "byteOr');
    await expect(loadLexical(dir)).rejects.toMatchObject(refusal('INDEX_CORRUPT'));
  });

  it.each<[string, Record<string, unknown>]>([
    ['big-endian byte order', { byteOrder: 'BE' }],
    ['another field count', { fieldCount: 2 }],
    ['out-of-range options', { options: { ...options, b: 2 } }],
    ['a negative document count', { docCount: -1 }],
  ])('a header with %s as INDEX_CORRUPT', async (_, change) => {
    writeHeader({ ...readHeader(), ...change });
    await expect(loadLexical(dir)).rejects.toMatchObject(refusal('INDEX_CORRUPT'));
  });

  it('forward offsets out of order as INDEX_CORRUPT', async () => {
    const offsets = new Uint32Array(readFileSync(file('lexical.forward-offsets.u32')).buffer.slice(0));
    offsets[1] = offsets[2]! + 1;
    writeFileSync(file('lexical.forward-offsets.u32'), new Uint8Array(offsets.buffer));
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_CORRUPT'),
      message: expect.stringContaining('lexical.forward-offsets.u32'),
    });
  });

  it('sentence offsets out of order or short of the table as INDEX_CORRUPT', async () => {
    const saved = readFileSync(file('lexical.sentence-offsets.u32'));
    const offsets = new Uint32Array(saved.buffer.slice(saved.byteOffset, saved.byteOffset + saved.byteLength));
    offsets[1] = offsets[2]! + 1;
    writeFileSync(file('lexical.sentence-offsets.u32'), new Uint8Array(offsets.buffer));
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_CORRUPT'),
      message: expect.stringContaining('lexical.sentence-offsets.u32'),
    });
    writeFileSync(file('lexical.sentence-offsets.u32'), saved);
    writeHeader({ ...readHeader(), sentenceBytes: sentences.bytes.length + 1 });
    writeFileSync(
      file('lexical.sentences.varint'),
      Buffer.concat([readFileSync(file('lexical.sentences.varint')), Buffer.of(0)]),
    );
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_CORRUPT'),
      message: expect.stringContaining('lexical.sentence-offsets.u32'),
    });
  });

  it('a truncated array file as INDEX_CORRUPT', async () => {
    const docs = readFileSync(file('lexical.docs.bin'));
    writeFileSync(file('lexical.docs.bin'), docs.subarray(0, docs.byteLength - 2));
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_CORRUPT'),
      message: expect.stringContaining('lexical.docs.bin'),
    });
  });

  it('sizes in the header that disagree with the files as INDEX_CORRUPT', async () => {
    writeHeader({ ...readHeader(), docCount: 4 });
    // Both per-document files disagree; whichever is read first is named.
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_CORRUPT'),
      message: expect.stringMatching(/lexical\.(lengths\.bin|forward-offsets\.u32)/),
    });
  });

  it('a words file with a word too many as INDEX_CORRUPT', async () => {
    writeFileSync(file('lexical.words.txt'), `${postings.terms.join('\n')}\nextra`);
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_CORRUPT'),
      message: expect.stringContaining('lexical.words.txt'),
    });
  });

  it('list lengths that do not decode or do not add up to the posting count as INDEX_CORRUPT', async () => {
    const lists = readFileSync(file('lexical.lists.varint'));
    // The last term's header with its continuation bit set: a varint that runs off the end.
    const cut = Uint8Array.from(lists);
    cut[cut.length - 1]! |= 0x80;
    writeFileSync(file('lexical.lists.varint'), cut);
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_CORRUPT'),
      message: expect.stringContaining('lexical.lists.varint'),
    });
    // The last term (in one field, df 1) said to be in two documents.
    const more = Uint8Array.from(lists);
    more[more.length - 1]! += 16;
    writeFileSync(file('lexical.lists.varint'), more);
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_CORRUPT'),
      message: expect.stringContaining('posting count'),
    });
  });

  it('a pairs file naming a word the index lacks as INDEX_CORRUPT', async () => {
    writeHeader({ ...readHeader(), termCount: postings.terms.length + 1, pairBytes: postings.terms.length + 1 });
    // (An index without pairs has an empty pairs file; this one claims a pair.)
    // The first word starts one pair whose second word is past the last word.
    writeFileSync(
      file('lexical.pairs.varint'),
      Uint8Array.from([1, 127, ...new Array<number>(postings.terms.length - 1).fill(0)]),
    );
    await expect(loadLexical(dir)).rejects.toMatchObject({
      ...refusal('INDEX_CORRUPT'),
      message: expect.stringContaining('lexical.pairs.varint'),
    });
  });
});
