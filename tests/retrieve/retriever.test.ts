import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashEmbedder } from '../../src/embed/hash-embedder.ts';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { findDefiningPassage, listReferences } from '../../src/retrieve/catalog.ts';
import { PolicybotRetriever } from '../../src/retrieve/langchain-retriever.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { loadIndex } from '../../src/store/load-index.ts';
import type { LoadedIndex } from '../../src/store/types.ts';

const work = mkdtempSync(path.join(tmpdir(), 'policybot-retrieve-'));
const corpus = path.join(work, 'corpus');

// Circular 46 is written to look like a better keyword match for the question than Circular 49.
const DOC = `---
title: Health rules
---
Circulars

Circular 46/2018/TT-BYT - Electronic medical records
Circular 46/2018/TT-BYT requires hospitals to keep electronic medical records. What does the circular require? Records, records, requirements and more requirements.

Circular No. 49, 2017 - Telemedicine
The telemedicine rules set technical standards for remote consultations. Images travel over 4Mbps networks.

Decrees

Decree 53/2022/ND-CP
Decree 53/2022/ND-CP implements the Law on Cybersecurity and took effect in October 2022.
`;

let index: LoadedIndex;

beforeAll(async () => {
  mkdirSync(corpus, { recursive: true });
  writeFileSync(path.join(corpus, 'rules.md'), DOC);
  const embedder = new HashEmbedder();
  await buildIndex({
    corpusDir: corpus,
    indexDir: path.join(work, 'index'),
    embedder,
    countTokens: estimateTokens,
    tokenizerId: 'estimate',
    maxTokens: 256,
    overlapTokens: 16,
  });
  index = await loadIndex(path.join(work, 'index'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Retriever', () => {
  it('ranks the passage about the named identifier first, never a near miss', async () => {
    for (const question of [
      'What does Circular 49 require?',
      'Thông tư 49 yêu cầu gì?',
      'what does 49/2017/TT-BYT require',
    ]) {
      const answer = await new Retriever(index, new HashEmbedder()).retrieve(question, { k: 3 });
      expect(answer.results[0]?.chunk.section.at(-1)).toBe('Circular No. 49, 2017 - Telemedicine');
      expect(answer.results[0]?.matchedIdentifiers).toEqual(['circular:49']);
      expect(answer.notFound).toEqual([]);
    }
  });

  it('reports identifiers no document mentions and still returns the closest passages', async () => {
    const answer = await new Retriever(index, null).retrieve('What does Circular 99 require?', { k: 2 });
    expect(answer.notFound).toEqual(['Circular 99']);
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.every((r) => r.matchedIdentifiers.length === 0)).toBe(true);
  });

  it('is hybrid with a matching embedder and lexical without one', async () => {
    expect(new Retriever(index, new HashEmbedder()).mode).toBe('hybrid');
    const lexical = new Retriever(index, null, { warnings: ['Semantic search is off.'] });
    expect(lexical.mode).toBe('lexical');
    expect((await lexical.retrieve('telemedicine')).warnings).toEqual(['Semantic search is off.']);
  });

  it('pages with offset: ranks continue and no passage repeats', async () => {
    const retriever = new Retriever(index, null);
    const first = await retriever.retrieve('requirements telemedicine decree', { k: 1 });
    const second = await retriever.retrieve('requirements telemedicine decree', { k: 1, offset: 1 });
    expect(first.results[0]?.rank).toBe(1);
    expect(second.results[0]?.rank).toBe(2);
    expect(second.results[0]?.chunk.id).not.toBe(first.results[0]?.chunk.id);
    expect(second.results[0]?.score).toBeLessThanOrEqual(first.results[0]?.score ?? 0);
  });

  it('refuses empty and over-long questions with a helpful error', async () => {
    const retriever = new Retriever(index, null);
    await expect(retriever.retrieve('   ')).rejects.toMatchObject({ code: 'QUERY_INVALID' });
    await expect(retriever.retrieve('x'.repeat(2000))).rejects.toMatchObject({ code: 'QUERY_INVALID' });
  });

  it('exposes itself as a LangChain retriever with citation metadata', async () => {
    const lc = new PolicybotRetriever({ retriever: new Retriever(index, null), k: 2 });
    const docs = await lc.invoke('Decree 53');
    expect(docs[0]?.pageContent).toContain('Decree 53/2022/ND-CP implements');
    expect(docs[0]?.metadata).toMatchObject({ rank: 1, file: 'corpus/rules.md', title: 'Health rules' });
  });
});

describe('catalog', () => {
  it('lists identifiers with their most specific label and the documents', () => {
    const refs = listReferences(index);
    expect(refs.filter((r) => r.kind === 'identifier').map((r) => r.label)).toEqual([
      'Circular 46/2018/TT-BYT',
      'Circular 49/2017',
      'Decree 53/2022/ND-CP',
    ]);
    expect(refs.filter((r) => r.kind === 'document').map((r) => r.label)).toEqual(['Health rules']);
  });

  it('finds the passage under the heading that names the identifier', () => {
    expect(findDefiningPassage(index, 'circular:49')?.section.at(-1)).toBe('Circular No. 49, 2017 - Telemedicine');
    expect(findDefiningPassage(index, 'circular:99')).toBeNull();
  });
});

describe('Retriever near misses', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'policybot-near-miss-'));
  // The Circular 46 passage is the strongest keyword match for a question on Circular 49.
  const RECORDS = `Circular 46/2018/TT-BYT - Electronic medical records
Hospitals must keep electronic medical records under this circular. Electronic medical records must be backed up daily.

Circular 49/2017/TT-BYT - Telemedicine
Telemedicine consultations need licensed doctors.

Hospital guidance
Hospitals should keep electronic medical records safe.
`;
  let near: LoadedIndex;

  beforeAll(async () => {
    mkdirSync(path.join(dir, 'corpus'));
    writeFileSync(path.join(dir, 'corpus', 'records.txt'), RECORDS);
    await buildIndex({
      corpusDir: path.join(dir, 'corpus'),
      indexDir: path.join(dir, 'index'),
      embedder: null,
      countTokens: estimateTokens,
      tokenizerId: 'estimate',
      maxTokens: 256,
      overlapTokens: 0,
    });
    near = await loadIndex(path.join(dir, 'index'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts a passage about another circular below passages that name no circular', async () => {
    const answer = await new Retriever(near, null).retrieve(
      'What does Circular 49 say about electronic medical records?',
      { k: 3 },
    );
    expect(answer.results.map((r) => r.chunk.section.at(-1))).toEqual([
      'Circular 49/2017/TT-BYT - Telemedicine',
      'Hospital guidance',
      'Circular 46/2018/TT-BYT - Electronic medical records',
    ]);
    expect(answer.results.map((r) => r.otherIdentifiers)).toEqual([[], [], ['Circular 46/2018/TT-BYT']]);
  });

  it('does not demote the real circulars when the one asked about is in no document', async () => {
    const answer = await new Retriever(near, null).retrieve(
      'What does Circular 94 say about telemedicine consultations?',
      { k: 1 },
    );
    expect(answer.notFound).toEqual(['Circular 94']);
    expect(answer.results[0]?.chunk.section.at(-1)).toBe('Circular 49/2017/TT-BYT - Telemedicine');
    expect(answer.results[0]?.otherIdentifiers).toEqual([]);
  });

  it('leaves passages alone when the question names no instrument of that kind', async () => {
    const answer = await new Retriever(near, null).retrieve('electronic medical records backed up', { k: 1 });
    expect(answer.results[0]?.chunk.section.at(-1)).toBe('Circular 46/2018/TT-BYT - Electronic medical records');
  });
});
