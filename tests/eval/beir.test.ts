import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPolicybotError } from '../../src/errors.ts';
import { loadBeirDataset, readBeirCorpus, readBeirQueries, readQrels } from '../../src/eval/beir.ts';

const work = mkdtempSync(path.join(tmpdir(), 'policybot-beir-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
/** Writes a dataset folder from file name → content; returns its path. */
function dataset(files: Record<string, string>): string {
  const dir = path.join(work, `set-${++counter}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const CORPUS = [
  JSON.stringify({ _id: 'd1', title: 'Sea ice', text: 'Sea ice is thinning.', metadata: {} }),
  JSON.stringify({ _id: 'd2', title: '', text: 'Glaciers retreat.' }),
  JSON.stringify({ _id: 3, text: 'A numeric id and no title.' }),
].join('\n');
const QUERIES = crlf(
  JSON.stringify({ _id: 'q1', text: 'ice' }),
  JSON.stringify({ _id: 'q2', text: 'glaciers' }),
  JSON.stringify({ _id: 'q3', text: 'unjudged' }),
);

/** Runs `fn` and returns the PolicybotError it throws (fails the test if it does not). */
async function failure(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (error) {
    if (isPolicybotError(error, 'DATASET_INVALID')) return error;
    throw error;
  }
  throw new Error('expected a DATASET_INVALID error');
}

describe('readQrels', () => {
  it('reads CRLF lines with a header line', async () => {
    const dir = dataset({
      'qrels/test.tsv': crlf('query-id\tcorpus-id\tscore', 'q1\td1\t1', 'q1\td2\t2', 'q2\td2\t0'),
    });
    const qrels = await readQrels(path.join(dir, 'qrels/test.tsv'));
    expect([...qrels.entries()].map(([q, m]) => [q, [...m.entries()]])).toEqual([
      [
        'q1',
        [
          ['d1', 1],
          ['d2', 2],
        ],
      ],
      ['q2', [['d2', 0]]],
    ]);
  });

  it('reads LF lines without a header', async () => {
    const dir = dataset({ 'qrels/test.tsv': 'q1\td1\t1\nq2\td2\t1' });
    const qrels = await readQrels(path.join(dir, 'qrels/test.tsv'));
    expect(qrels.get('q2')?.get('d2')).toBe(1);
    expect(qrels.size).toBe(2);
  });

  it('names the file and line of a row with a bad score or the wrong column count', async () => {
    const bad = dataset({ 'qrels/test.tsv': crlf('query-id\tcorpus-id\tscore', 'q1\td1\t1', 'q1\td2\tyes') });
    const file = path.join(bad, 'qrels/test.tsv');
    expect((await failure(() => readQrels(file))).message).toBe(`${file} line 3: score "yes" is not a whole number.`);

    const short = dataset({ 'qrels/test.tsv': 'q1\td1\t1\nq1 d2 1\n' });
    const shortFile = path.join(short, 'qrels/test.tsv');
    expect((await failure(() => readQrels(shortFile))).message).toMatch(
      `${shortFile} line 2: expected 3 tab-separated columns`,
    );
  });

  it('refuses a pair judged twice', async () => {
    const dir = dataset({ 'qrels/test.tsv': 'q1\td1\t1\nq1\td1\t2\n' });
    expect((await failure(() => readQrels(path.join(dir, 'qrels/test.tsv')))).message).toMatch(
      /line 2: the pair \(q1, d1\) is judged twice/,
    );
  });
});

describe('readBeirCorpus and readBeirQueries', () => {
  it('reads ids, titles (empty when absent) and text; numeric ids become strings', async () => {
    const dir = dataset({ 'corpus.jsonl': CORPUS, 'queries.jsonl': QUERIES });
    expect(await readBeirCorpus(path.join(dir, 'corpus.jsonl'))).toEqual([
      { id: 'd1', title: 'Sea ice', text: 'Sea ice is thinning.' },
      { id: 'd2', title: '', text: 'Glaciers retreat.' },
      { id: '3', title: '', text: 'A numeric id and no title.' },
    ]);
    expect([...(await readBeirQueries(path.join(dir, 'queries.jsonl'))).entries()]).toEqual([
      ['q1', 'ice'],
      ['q2', 'glaciers'],
      ['q3', 'unjudged'],
    ]);
  });

  it('names the file and line of invalid JSON, a missing _id or missing text', async () => {
    const dir = dataset({
      'corpus.jsonl': `${CORPUS}\n{"_id": "d4", "text": }\n`,
      'queries.jsonl': crlf('{"text": "no id"}'),
      'c2.jsonl': '\n{"_id":"x"}\n',
    });
    const corpusFile = path.join(dir, 'corpus.jsonl');
    const error = await failure(() => readBeirCorpus(corpusFile));
    expect(error.message).toMatch(`${corpusFile} line 4: not valid JSON`);
    expect(error.hint).toMatch(/corpus\.jsonl .*queries\.jsonl .*qrels\/<split>\.tsv/);
    expect((await failure(() => readBeirQueries(path.join(dir, 'queries.jsonl')))).message).toBe(
      `${path.join(dir, 'queries.jsonl')} line 1: no "_id" string.`,
    );
    expect((await failure(() => readBeirCorpus(path.join(dir, 'c2.jsonl')))).message).toMatch(
      /c2\.jsonl line 2: document "x" has no "text" string/,
    );
  });

  it('refuses a repeated document id', async () => {
    const dir = dataset({ 'corpus.jsonl': `${CORPUS}\n${JSON.stringify({ _id: 'd1', text: 'again' })}` });
    expect((await failure(() => readBeirCorpus(path.join(dir, 'corpus.jsonl')))).message).toMatch(
      /line 4: document id "d1" appears twice/,
    );
  });
});

describe('loadBeirDataset', () => {
  it('keeps only the queries judged in the split, in queries.jsonl order', async () => {
    const dir = dataset({
      'corpus.jsonl': CORPUS,
      'queries.jsonl': QUERIES,
      'qrels/test.tsv': crlf('query-id\tcorpus-id\tscore', 'q2\td2\t1', 'q1\td1\t1'),
    });
    const data = await loadBeirDataset(dir, 'test');
    expect([...data.queries.keys()]).toEqual(['q1', 'q2']);
    expect(data.corpus).toHaveLength(3);
    expect(data.warnings).toEqual([]);
  });

  it('warns about judged docs missing from the corpus', async () => {
    const dir = dataset({
      'corpus.jsonl': CORPUS,
      'queries.jsonl': QUERIES,
      'qrels/test.tsv': 'q1\td1\t1\nq1\tgone\t1\n',
    });
    expect((await loadBeirDataset(dir, 'test')).warnings).toEqual([
      '1 judged (query, doc) pairs name documents not in corpus.jsonl; they count as never retrieved.',
    ]);
  });

  it('lists the available splits when the asked one is missing', async () => {
    const dir = dataset({
      'corpus.jsonl': CORPUS,
      'queries.jsonl': QUERIES,
      'qrels/dev.tsv': 'q1\td1\t1\n',
      'qrels/train.tsv': 'q1\td1\t1\n',
    });
    const error = await failure(() => loadBeirDataset(dir, 'test'));
    expect(error.message).toBe(`${path.join(dir, 'qrels', 'test.tsv')} is missing: no "test" split in ${dir}.`);
    expect(error.hint).toBe('Available splits: dev, train.');
  });

  it('says when the folder does not exist', async () => {
    const dir = path.join(work, 'no-such-set');
    expect((await failure(() => loadBeirDataset(dir, 'test'))).message).toBe(
      `The dataset folder ${dir} does not exist.`,
    );
  });

  it('says which file is missing', async () => {
    const dir = dataset({ 'queries.jsonl': QUERIES, 'qrels/test.tsv': 'q1\td1\t1\n' });
    expect((await failure(() => loadBeirDataset(dir, 'test'))).message).toBe(
      `${path.join(dir, 'corpus.jsonl')} is missing or is not a file.`,
    );
  });

  it('refuses qrels that judge a query not in queries.jsonl', async () => {
    const dir = dataset({
      'corpus.jsonl': CORPUS,
      'queries.jsonl': QUERIES,
      'qrels/test.tsv': 'q1\td1\t1\nq9\td1\t1\n',
    });
    expect((await failure(() => loadBeirDataset(dir, 'test'))).message).toMatch(
      /judges 1 query not in queries\.jsonl \(first: "q9"\)/,
    );
  });
});
