import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HashEmbedder } from '../../src/embed/hash-embedder.ts';
import { isPolicybotError } from '../../src/errors.ts';
import { type QueryRun, runBeirEval } from '../../src/eval/run-eval.ts';

/**
 * fixtures/tiny-beir, hand-made so that BM25's ranking does not depend on its parameters
 * (each query word occurs in few documents):
 *   q1 "lava volcanoes"   judged d3 = 2   only d3 has either word          → rank 1: every metric 1
 *   q2 "glaciers"         judged d2 = 1   only d4 has the word             → d2 never found: all 0
 *   q3 "penguins"         judged d2, d4   d5 ("penguins" ×3, 4 words) beats d2 (once, longer);
 *                                         d4 has no penguin               → ranking [d5, d2]
 *   q4 "zebras"           judged d1 = 0   no relevant document             → skipped by the mean
 *   q5 "aurora borealis"  judged d6 = 1   d6 is long: chunked, "aurora" in its first and last
 *                                         chunks; scored once, as its best chunk → rank 1
 *   q9                    not judged in the split: not run
 *   d7 has empty text: no chunk.
 * q3: nDCG@10 = (1/log2 3) / (1 + 1/log2 3) = 0.630930 / 1.630930 = 0.386853,
 *     Recall@10 = 1/2, MRR@10 = 1/2, MAP@10 = (1/2) / 2 = 0.25.
 * Means over q1, q2, q3, q5:
 *   nDCG@10 = (1 + 0 + 0.386853 + 1) / 4 = 0.596713
 *   Recall@10 = Recall@100 = MRR@10 = (1 + 0 + 0.5 + 1) / 4 = 0.625
 *   MAP@10 = (1 + 0 + 0.25 + 1) / 4 = 0.5625
 */
const DATASET = path.join(import.meta.dirname, 'fixtures', 'tiny-beir');
/** Small chunks counted in words, so d6 (70 words) certainly spans several chunks. */
const CHUNKING = {
  maxTokens: 24,
  overlapTokens: 0,
  countTokens: (t: string) => t.split(/\s+/).filter(Boolean).length,
  tokenizer: 'words',
};

const work = mkdtempSync(path.join(tmpdir(), 'policybot-run-eval-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('runBeirEval (lexical)', () => {
  it('reports the hand-derived metrics and skips the query without a relevant document', async () => {
    const report = await runBeirEval({
      datasetDir: DATASET,
      split: 'test',
      mode: 'lexical',
      k: 100,
      chunking: CHUNKING,
    });
    expect(report.queries).toBe(4);
    expect(report.metrics['ndcg@10']).toBeCloseTo(0.596713, 5);
    expect(report.metrics['recall@10']).toBeCloseTo(0.625, 5);
    expect(report.metrics['recall@100']).toBeCloseTo(0.625, 5);
    expect(report.metrics['mrr@10']).toBeCloseTo(0.625, 5);
    expect(report.metrics['map@10']).toBeCloseTo(0.5625, 5);
    expect(report.documents).toBe(7);
    expect(report.chunks).toBeGreaterThan(6); // d6 spans several chunks, d7 has none
  });

  it('reports the settings that produced the numbers', async () => {
    const report = await runBeirEval({
      datasetDir: DATASET,
      split: 'test',
      mode: 'lexical',
      k: 10,
      chunking: CHUNKING,
      lexicalOptions: { k1: 0.9, b: 0.4 },
    });
    expect(report.settings).toMatchObject({
      chunking: { maxTokens: 24, overlapTokens: 0, tokenizer: 'words' },
      lexical: { k1: 0.9, b: 0.4 },
      fusion: null,
      model: 'none',
      documentScore: 'best chunk',
    });
    expect(report.settings.lexical).toHaveProperty('stemmer');
    expect(report.settings.lexical).toHaveProperty('fieldWeights');
    expect(report.queriesPerSecond).toBeGreaterThan(0);
    expect(report.buildSeconds).toBeGreaterThanOrEqual(0);
  });

  it('writes one line per query with its ranking, its relevant documents and its nDCG@10', async () => {
    const out = path.join(work, 'run.jsonl');
    await runBeirEval({ datasetDir: DATASET, split: 'test', mode: 'lexical', k: 100, out, chunking: CHUNKING });
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as QueryRun);
    expect(lines.map((l) => l.queryId)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    const q3 = lines[2];
    expect(q3?.ranking.map((r) => r.docId)).toEqual(['d5', 'd2']);
    expect(q3?.relevant).toEqual([
      { docId: 'd2', relevance: 1 },
      { docId: 'd4', relevance: 1 },
    ]);
    expect(q3?.ndcg10).toBeCloseTo(0.386853, 5);
    // d6 matches in two chunks but is listed once, scored as its best chunk
    expect(lines[4]?.ranking.map((r) => r.docId)).toEqual(['d6']);
    expect(lines[1]?.ranking.map((r) => r.docId)).toEqual(['d4']);
  });

  it('runs only the first N judged queries with limit', async () => {
    const report = await runBeirEval({
      datasetDir: DATASET,
      split: 'test',
      mode: 'lexical',
      k: 100,
      limit: 2,
      chunking: CHUNKING,
    });
    expect(report.queries).toBe(2);
    expect(report.metrics['ndcg@10']).toBeCloseTo(0.5, 5); // q1 = 1, q2 = 0
  });

  it('refuses the dense and hybrid modes without an embedder', async () => {
    for (const mode of ['dense', 'hybrid'] as const) {
      const error = await runBeirEval({ datasetDir: DATASET, split: 'test', mode, k: 10 }).catch((e: unknown) => e);
      expect(isPolicybotError(error, 'MODEL_UNAVAILABLE')).toBe(true);
    }
  });
});

describe('runBeirEval (dense and hybrid, deterministic embedder)', () => {
  // Feature hashing over 1,024 dimensions: words shared with the query make the cosine.
  const embedder = new HashEmbedder({ dimensions: 1024 });

  for (const mode of ['dense', 'hybrid'] as const) {
    it(`ranks by ${mode === 'dense' ? 'cosine' : 'RRF of BM25 and cosine'} and names the model and fusion`, async () => {
      const out = path.join(work, `${mode}.jsonl`);
      const report = await runBeirEval({
        datasetDir: DATASET,
        split: 'test',
        mode,
        k: 10,
        out,
        embedder,
        chunking: CHUNKING,
      });
      const lines = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as QueryRun);
      const top = Object.fromEntries(lines.map((l) => [l.queryId, l.ranking[0]?.docId]));
      expect(top).toMatchObject({ q1: 'd3', q3: 'd5', q5: 'd6' });
      for (const line of lines) expect(new Set(line.ranking.map((r) => r.docId)).size).toBe(line.ranking.length);
      expect(report.settings.model).toBe('hash-embedder');
      expect(report.settings.fusion).toEqual(mode === 'hybrid' ? { method: 'rrf', k: 60, level: 'document' } : null);
      expect(report.settings.lexical === null).toBe(mode === 'dense');
    });
  }
});
