import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BeirDoc, readBeirCorpus, readBeirQueries } from '../../src/eval/beir.ts';
import { toParsedDocument } from '../../src/eval/eval-index.ts';
import { chunkDocument } from '../../src/ingest/chunk-document.ts';
import { typicalTokens } from '../../src/ingest/estimate-tokens.ts';
import { extractIdentifiers } from '../../src/ingest/identifiers.ts';
import { prepareLexicalQuery, rankLexical } from '../../src/retrieve/lexical-ranking.ts';
import { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../../src/store/lexical/lexical-options.ts';
import type { Chunk } from '../../src/types.ts';
import { referenceRank } from './reference-ranking.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/datasets');
const CHUNKING = { maxTokens: 256, overlapTokens: 32, countTokens: typicalTokens, tokenizer: 'typical' };

/**
 * The ranking reads passages' terms from the index's stored term lists; the reference reads
 * their text and analyzes it again, as the ranking used to. Same hits, same scores, to the bit.
 */
async function _expectSameRankings(dataset: string, limits: { docs: number; queries: number }): Promise<void> {
  const docs = (await readBeirCorpus(path.join(SHARED, dataset, 'corpus.jsonl'))).slice(0, limits.docs);
  const queries = [...(await readBeirQueries(path.join(SHARED, dataset, 'queries.jsonl'))).values()].slice(
    0,
    limits.queries,
  );
  const { chunks, lexical } = await _index(docs);
  const passage = (doc: number) => lexicalInput(chunks[doc]!);
  for (const query of queries) {
    expect(rankLexical(lexical, query, 100, passage), query).toEqual(referenceRank(lexical, query, 100, passage));
  }
}

/**
 * Refinements that came after the stored term lists (typo expansion, answer cues) are off: the reference
 * predates them, and they have their own tests.
 */
const LATER_REFINEMENTS_OFF = { typoWeight: 0, answerCueWeight: 0, deadlineWeight: 0 };

/** BEIR documents chunked as eval and ingest chunk them, and their lexical index. */
async function _index(docs: readonly BeirDoc[]): Promise<{ chunks: Chunk[]; lexical: LexicalIndex }> {
  const chunks = docs.flatMap((doc) => chunkDocument(toParsedDocument(doc), { ...CHUNKING, extractIdentifiers }));
  return { chunks, lexical: LexicalIndex.build(chunks.map(lexicalInput), LATER_REFINEMENTS_OFF) };
}

describe.skipIf(!existsSync(SHARED))('rankLexical from stored terms, against re-analyzing the text', () => {
  it('ranks Vietnamese legal questions (ALQAC 2022: codes, identifiers, no stemming) exactly as before', async () => {
    await _expectSameRankings('alqac2022', { docs: Infinity, queries: 100 });
  });

  it('ranks English scientific claims (SciFact, first 1,000 documents) exactly as before', async () => {
    await _expectSameRankings('scifact', { docs: 1000, queries: 100 });
  });
});

describe('prepareLexicalQuery', () => {
  it('gives rankings at every depth that are prefixes of the deepest one', async () => {
    const docs = Array.from({ length: 300 }, (_, i) => ({
      id: `d${i}`,
      title: i % 7 === 0 ? 'Capital rules' : '',
      text: `Operational risk ${i % 5 === 0 ? 'capital requirements' : 'reporting'} apply to firm ${i} and risk teams.`,
    }));
    const { chunks, lexical } = await _index(docs);
    const prepared = prepareLexicalQuery(lexical, 'operational risk capital', (doc) => lexicalInput(chunks[doc]!));
    const deepest = prepared.rank(300);
    expect(deepest.length).toBeGreaterThan(100);
    for (const depth of [1, 5, 19, 20, 21, 100]) expect(prepared.rank(depth)).toEqual(deepest.slice(0, depth));
  });
});
