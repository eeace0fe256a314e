import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { answerToJson } from '../../src/present/answer-json.ts';
import { renderAnswerText } from '../../src/present/render-text.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { loadIndex } from '../../src/store/load-index.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-notes-'));
const corpus = path.join(root, 'corpus');
const indexDir = path.join(root, 'index');
let retriever: Retriever;

const build = () =>
  buildIndex({
    corpusDir: corpus,
    indexDir,
    embedder: null,
    countTokens: estimateTokens,
    tokenizerId: 'estimate',
    maxTokens: 200,
    overlapTokens: 0,
  });

beforeAll(async () => {
  mkdirSync(corpus, { recursive: true });
  // An instrument whose sidecar marks it replaced; an HTML file has no front matter.
  writeFileSync(
    path.join(corpus, 'decree-52.html'),
    '<html><head><title>Decree 52/2013/ND-CP on e-commerce</title></head><body><h1>Decree 52/2013/ND-CP on e-commerce</h1><p>Sellers must register their websites with the ministry.</p></body></html>',
  );
  writeFileSync(
    path.join(corpus, 'decree-52.html.meta.yaml'),
    'publisher: Government of Vietnam\ndate: 2013-05-16\nkind: instrument\nstatus: replaced\nreplaced_by: Decree 85/2021/ND-CP\nurl: https://example.org/decree-52\n',
  );
  // Commentary that says, in its own words, that another instrument is outdated.
  writeFileSync(
    path.join(corpus, 'market.md'),
    '---\ntitle: Market note\npublisher: An agency\nkind: commentary\n---\n# Records\n\nCircular 46/2018/TT-BYT, which prescribed medical records, is outdated. Hospitals still follow it.\n\n# Websites\n\nUnder Decree 52/2013/ND-CP, shops registered websites.\n',
  );
  writeFileSync(
    path.join(corpus, 'records.txt'),
    'Hospital records\n\nCircular 46 requires every hospital to keep electronic medical records by 2028.\n',
  );
  writeFileSync(path.join(corpus, 'budget.txt'), 'Budget\n\nThe budget for clinics grows each year.\n');
  await build();
  retriever = new Retriever(await loadIndex(indexDir), null);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('source metadata and status notes', () => {
  it('carries front matter and sidecar metadata into the manifest and every answer', async () => {
    const answer = await retriever.retrieve('register websites', { k: 5 });
    const fromHtml = answer.results.find((r) => r.chunk.file === 'corpus/decree-52.html');
    expect(fromHtml?.source).toEqual({
      title: 'Decree 52/2013/ND-CP on e-commerce',
      publisher: 'Government of Vietnam',
      date: '2013-05-16',
      kind: 'instrument',
      status: 'replaced',
      replaced_by: 'Decree 85/2021/ND-CP',
      url: 'https://example.org/decree-52',
    });
    const json = answerToJson(answer, (t) => retriever.index.lexical.analyze(t));
    const market = json.results.find((r) => r.file === 'corpus/market.md');
    expect(market?.source).toMatchObject({
      title: 'Market note',
      publisher: 'An agency',
      kind: 'commentary',
      url: null,
      date: null,
    });
  });

  it('warns on a passage naming an instrument whose metadata marks it replaced, and on the instrument itself', async () => {
    const answer = await retriever.retrieve('Decree 52 websites', { k: 5 });
    const commentary = answer.results.find((r) => r.chunk.file === 'corpus/market.md');
    expect(commentary?.statusNotes).toMatchObject([
      {
        instrument: 'Decree 52/2013/ND-CP',
        status: 'replaced',
        origin: 'metadata',
        by: 'Decree 85/2021/ND-CP',
        file: 'corpus/decree-52.html',
      },
    ]);
    const own = answer.results.find((r) => r.chunk.file === 'corpus/decree-52.html');
    expect(own?.statusNotes).toHaveLength(1);
    const text = renderAnswerText(answer, (t) => retriever.index.lexical.analyze(t));
    expect(text).toContain(
      '⚠ Decree 52/2013/ND-CP is marked replaced by Decree 85/2021/ND-CP; see Decree 52/2013/ND-CP on e-commerce — corpus/decree-52.html',
    );
    expect(text).toContain('— corpus/decree-52.html · Government of Vietnam, 2013-05-16 · replaced');
    expect(text).toContain('Original: https://example.org/decree-52');
  });

  it('quotes the corpus sentence, with its citation, on other passages about that instrument', async () => {
    const answer = await retriever.retrieve('Circular 46 electronic medical records hospital', { k: 5 });
    const records = answer.results.find((r) => r.chunk.file === 'corpus/records.txt');
    expect(records?.statusNotes).toMatchObject([
      {
        instrument: 'Circular 46/2018/TT-BYT',
        status: 'outdated',
        origin: 'corpus',
        sentence: 'Circular 46/2018/TT-BYT, which prescribed medical records, is outdated.',
        file: 'corpus/market.md',
        section: ['Records'],
      },
    ]);
    const text = renderAnswerText(answer, (t) => retriever.index.lexical.analyze(t));
    expect(text).toContain(
      '⚠ Circular 46/2018/TT-BYT, the corpus says: “Circular 46/2018/TT-BYT, which prescribed medical records, is outdated.” — Market note › Records — corpus/market.md',
    );
    expect(text).toContain('⚠ This passage says Circular 46/2018/TT-BYT is outdated.');
  });

  it('shows no status where nothing states one', async () => {
    const answer = await retriever.retrieve('budget clinics', { k: 1 });
    expect(answer.results[0]?.chunk.file).toBe('corpus/budget.txt');
    expect(answer.results[0]?.statusNotes).toBeUndefined();
    expect(answer.results[0]?.source).toBeUndefined();
  });

  it('re-processes a file when only its sidecar changes, and skips one with a bad date naming the field', async () => {
    writeFileSync(
      path.join(corpus, 'decree-52.html.meta.yaml'),
      'publisher: Government of Vietnam\ndate: sometime in 2013\n',
    );
    const report = await build();
    expect(report.skipped).toContainEqual({
      file: 'corpus/decree-52.html',
      reason:
        'metadata field "date" is not a date: use YYYY-MM-DD, YYYY-MM or YYYY (got "sometime in 2013"). Fix that field and try again.',
    });
    writeFileSync(
      path.join(corpus, 'decree-52.html.meta.yaml'),
      'publisher: Government of Vietnam\nstatus: in force\n',
    );
    const again = await build();
    expect(again.added).toContain('corpus/decree-52.html');
    expect((await loadIndex(indexDir)).manifest.files['corpus/decree-52.html']?.source).toEqual({
      title: 'Decree 52/2013/ND-CP on e-commerce',
      publisher: 'Government of Vietnam',
      status: 'in force',
    });
  });
});
