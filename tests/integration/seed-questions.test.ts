import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.ts';
import { loadEmbedder } from '../../src/embed/load-embedder.ts';
import { TYPICAL_ESTIMATE_ID, typicalTokens } from '../../src/ingest/estimate-tokens.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { loadIndex } from '../../src/store/load-index.ts';

/**
 * The seed questions (kept beside the project, in ../shared/eval) must each be answered with
 * an expected phrase in the top 3, in keyword mode and in hybrid mode with the fixture model.
 */
const questionsFile = path.resolve(import.meta.dirname, '../../../shared/eval/questions.jsonl');
const corpusDir = path.resolve(import.meta.dirname, '../../corpus');
const haveQuestions = existsSync(questionsFile);

interface Question {
  id: string;
  q: string;
  expect: string[];
}

const normalise = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').toLowerCase();

function loadQuestions(): Question[] {
  return readFileSync(questionsFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Question);
}

async function retrieverFor(embedder: Embedder | null, dir: string): Promise<Retriever> {
  await buildIndex({
    corpusDir,
    indexDir: dir,
    embedder,
    countTokens: embedder ? (t) => embedder.countTokens(t) : typicalTokens,
    tokenizerId: embedder?.modelId ?? TYPICAL_ESTIMATE_ID,
    maxTokens: embedder ? Math.min(256, embedder.maxTokens) : 256,
    overlapTokens: 32,
  });
  return new Retriever(await loadIndex(dir), embedder);
}

describe.skipIf(!haveQuestions)('seed questions', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'policybot-seed-'));
  let lexical: Retriever;
  let hybrid: Retriever;

  beforeAll(async () => {
    lexical = await retrieverFor(null, path.join(work, 'lexical'));
    const modelsDir = process.env.POLICYBOT_FIXTURE_MODELS_DIR;
    if (!modelsDir) throw new Error('The fixture model was not built (globalSetup).');
    const { embedder, warning } = await loadEmbedder({ modelId: 'policybot/tiny-bert', modelsDir, allowRemote: false });
    if (!embedder) throw new Error(`Fixture model failed to load: ${warning}`);
    hybrid = await retrieverFor(embedder, path.join(work, 'hybrid'));
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const mode of ['lexical', 'hybrid'] as const) {
    it(`answers every question with an expected phrase in the top 3 (${mode})`, async () => {
      const retriever = mode === 'lexical' ? lexical : hybrid;
      expect(retriever.mode).toBe(mode);
      const misses: string[] = [];
      for (const q of loadQuestions()) {
        const answer = await retriever.retrieve(q.q, { k: 3 });
        const hit = answer.results.some((r) => q.expect.some((e) => normalise(r.chunk.text).includes(normalise(e))));
        if (!hit) misses.push(`${q.id}: ${q.q} → ${answer.results.map((r) => r.chunk.section.at(-1)).join(' | ')}`);
      }
      expect(misses).toEqual([]);
    });
  }

  it('puts the Circular 49 telemedicine passage first for "What does Circular 49 require?"', async () => {
    for (const retriever of [lexical, hybrid]) {
      const answer = await retriever.retrieve('What does Circular 49 require?', { k: 3 });
      expect(answer.results[0]?.chunk.section.at(-1)).toMatch(/^Circular No\. 49, 2017/);
      expect(answer.results[0]?.chunk.text).toContain('telemedicine');
      expect(answer.notFound).toEqual([]);
    }
  });
});
