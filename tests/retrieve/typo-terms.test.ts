import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TYPICAL_ESTIMATE_ID, typicalTokens } from '../../src/ingest/estimate-tokens.ts';
import { rankLexical } from '../../src/retrieve/lexical-ranking.ts';
import { weighQueryTerms } from '../../src/retrieve/query-terms.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { allowedEdits, correctTypos } from '../../src/retrieve/typo-terms.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../../src/store/lexical/lexical-options.ts';
import { loadIndex } from '../../src/store/load-index.ts';
import type { LoadedIndex } from '../../src/store/types.ts';

/** Misspelt questions over the bundled corpus, keyword search only. */
const corpusDir = path.resolve(import.meta.dirname, '../../corpus');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-typos-'));
let index: LoadedIndex;
let retriever: Retriever;

beforeAll(async () => {
  const indexDir = path.join(work, 'index');
  await buildIndex({
    corpusDir,
    indexDir,
    embedder: null,
    countTokens: typicalTokens,
    tokenizerId: TYPICAL_ESTIMATE_ID,
    maxTokens: 256,
    overlapTokens: 32,
  });
  index = await loadIndex(indexDir);
  retriever = new Retriever(index, null);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const topText = async (question: string) => (await retriever.retrieve(question, { k: 3 })).results[0]?.chunk.text ?? '';

describe('typo tolerance on the bundled corpus', () => {
  it('finds the telemedicine rules when every content word is misspelt', async () => {
    expect(await topText('telemedicne licences')).toContain('licensed medical professionals');
    const answer = await retriever.retrieve('telemedicne licences', { k: 3 });
    expect(answer.weak).toBe(false);
  });

  it('reads a misspelt word as the words one or two edits away, never as itself', () => {
    const corrections = correctTypos(
      index.lexical,
      index.lexical.analyzeQuery('electornic recrods requirments'),
      false,
    );
    expect(corrections.get('electorn')?.map((a) => a.term)).toContain('electron');
    expect(corrections.get('recrod')?.map((a) => a.term)).toEqual(['record']);
    // "requirments" stems to the known "requir": nothing to correct.
    expect(corrections.has('requir')).toBe(false);
  });

  it('never corrects numbers or instrument identifiers: Circular 94 does not become Circular 49', () => {
    const corrections = correctTypos(
      index.lexical,
      index.lexical.analyzeQuery('Circular 94 and Decision 5361/QD-BYT'),
      false,
    );
    expect([...corrections.keys()]).toEqual([]);
    expect(index.lexical.closeTerms('5361', 2)).toEqual([]);
  });

  it('scores a correction below the word typed right', () => {
    const right = rankLexical(index.lexical, 'telemedicine', 1, (doc) => lexicalInput(index.chunks[doc]!));
    const wrong = rankLexical(index.lexical, 'telemedicne', 1, (doc) => lexicalInput(index.chunks[doc]!));
    expect(wrong[0]?.doc).toBe(right[0]?.doc);
    expect(wrong[0]!.score).toBeLessThan(right[0]!.score);
  });

  it('leaves short words, Vietnamese questions and a zero typo weight alone', () => {
    expect(allowedEdits(4)).toBe(0);
    expect(correctTypos(index.lexical, ['telemedicn'], true).size).toBe(0);
    const off = LexicalIndex.build([{ title: '', section: '', text: 'telemedicine rules' }], { typoWeight: 0 });
    expect(correctTypos(off, ['telemedicn'], false).size).toBe(0);
    expect(
      correctTypos(LexicalIndex.build([{ title: '', section: '', text: 'telemedicine rules' }]), ['telemedicn'], false)
        .size,
    ).toBe(1);
  });

  it('keeps part of a misspelt word uncovered in the question weight', () => {
    const terms = weighQueryTerms(index.lexical, 'telemedicne');
    const corrected = terms.find((t) => t.term === 'telemedicin');
    const typed = terms.find((t) => t.term === 'telemedicn');
    expect(corrected && typed && corrected.weight > typed.weight).toBe(true);
  });
});
