import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrossEncoder } from '../../src/embed/cross-encoder.ts';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { loadIndex } from '../../src/store/load-index.ts';
import type { LoadedIndex } from '../../src/store/types.ts';
import { FIXTURE_RERANKER_ID } from '../fixtures/model/fixture-cross-encoder.ts';

const work = mkdtempSync(path.join(tmpdir(), 'policybot-rerank-'));
let index: LoadedIndex;
let crossEncoder: CrossEncoder;

beforeAll(async () => {
  const corpus = path.join(work, 'corpus');
  mkdirSync(corpus, { recursive: true });
  writeFileSync(
    path.join(corpus, 'notes.md'),
    '# Rules\n\n## Circular 49\n\nCircular 49 covers telemedicine: images travel over 4Mbps networks.\n\n## Records\n\nHospitals keep electronic medical records for telemedicine patients and records of records.\n\n## Trade\n\nSingapore and Vietnam agreed on trade.\n',
  );
  await buildIndex({
    corpusDir: corpus,
    indexDir: path.join(work, 'index'),
    embedder: null,
    countTokens: estimateTokens,
    tokenizerId: 'estimate',
    maxTokens: 128,
    overlapTokens: 0,
  });
  index = await loadIndex(path.join(work, 'index'));
  crossEncoder = await CrossEncoder.load({
    modelId: FIXTURE_RERANKER_ID,
    modelsDir: process.env.POLICYBOT_FIXTURE_MODELS_DIR!,
    allowRemote: false,
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('cross-encoder reranking (real transformers.js sequence classification, fixture model)', () => {
  it('scores pairs: a passage sharing the query words scores higher', async () => {
    const [near, far] = await crossEncoder.score('telemedicine images network', [
      'Telemedicine images travel over a network.',
      'Singapore agreed on trade.',
    ]);
    expect(near).toBeGreaterThan(far!);
  });

  it('orders the top candidates by cross-encoder score, scores still descending', async () => {
    const query = 'telemedicine records images';
    const plain = await new Retriever(index, null).retrieve(query, { k: 3 });
    const reranked = await new Retriever(index, null, { reranker: { model: crossEncoder, topN: 3 } }).retrieve(query, {
      k: 3,
    });
    const logits = await crossEncoder.score(
      query,
      reranked.results.map((r) => r.chunk.text),
    );
    expect([...logits].sort((a, b) => b - a)).toEqual(logits);
    expect(new Set(reranked.results.map((r) => r.chunk.id))).toEqual(new Set(plain.results.map((r) => r.chunk.id)));
    const scores = reranked.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('keeps passages about a named identifier ahead of everything it reranks', async () => {
    const answer = await new Retriever(index, null, { reranker: { model: crossEncoder, topN: 10 } }).retrieve(
      'Circular 49 records records records',
      { k: 2 },
    );
    expect(answer.results[0]?.chunk.section.at(-1)).toBe('Circular 49');
  });
});
