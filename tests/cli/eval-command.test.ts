import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const DATASET = path.join(import.meta.dirname, '..', 'eval', 'fixtures', 'tiny-beir');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-eval-cmd-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** No model anywhere: the lexical path must not need one, the others must say they do. */
const OFFLINE_ENV = {
  MODEL_ID: 'nobody/no-such-model',
  MODELS_DIR: path.join(work, 'models'),
  ALLOW_REMOTE_MODELS: 'false',
};

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function run(argv: string[], env: NodeJS.ProcessEnv = OFFLINE_ENV) {
  const stdout = sink();
  const stderr = sink();
  const code = await main(['eval', ...argv], { stdout: stdout.stream, stderr: stderr.stream, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('policybot eval --dataset', () => {
  it('prints one JSON object with the metrics, speed and settings', async () => {
    const { code, stdout, stderr } = await run(['--dataset', DATASET, '--k', '100']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ dataset: DATASET, split: 'test', mode: 'lexical', queries: 4 });
    expect(Object.keys(report.metrics as object)).toEqual(['ndcg@10', 'recall@10', 'recall@100', 'mrr@10', 'map@10']);
    expect(report).toHaveProperty('queriesPerSecond');
    expect(report).toHaveProperty('buildSeconds');
    expect(report.settings).toMatchObject({
      model: 'none',
      fusion: null,
      lexical: { k1: expect.any(Number), b: expect.any(Number) },
    });
  });

  it('passes --lexical options to the lexical index and --limit to the query loop', async () => {
    const { code, stdout } = await run([
      '--dataset',
      DATASET,
      '--limit',
      '2',
      '--lexical',
      '{"k1":0.9,"b":0.4,"stemmer":"none"}',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { queries: number; settings: { lexical: Record<string, unknown> } };
    expect(report.queries).toBe(2);
    expect(report.settings.lexical).toMatchObject({ k1: 0.9, b: 0.4, stemmer: 'none' });
  });

  it.each([
    [[], 'Give either --dataset <dir> or --questions <file.jsonl>.'],
    [['--dataset', DATASET, '--questions', 'q.jsonl'], 'Give either --dataset'],
    [['--dataset', DATASET, '--mode', 'fuzzy'], '--mode must be lexical, dense or hybrid (got "fuzzy").'],
    [['--dataset', DATASET, '--k', '0'], '--k must be a whole number from 1 to 1000 (got "0").'],
    [['--dataset', DATASET, '--limit', 'ten'], '--limit must be a whole number'],
    [['--dataset', DATASET, '--lexical', '{k1:1}'], '--lexical must be a JSON object'],
    [['--dataset', DATASET, '--lexical', '{"b":3}'], 'Invalid lexical index options'],
    [['--dataset', DATASET, '--frobnicate'], "Unknown option '--frobnicate'"],
    [['--dataset', DATASET, 'extra'], 'Unexpected argument "extra".'],
    [['--questions', 'q.jsonl', '--mode', 'dense'], '--mode lexical or hybrid'],
  ])('exits 2 with the reason and the usage for %j', async (argv, reason) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(reason);
    expect(stderr).toContain('Usage: policybot eval [--dataset dir]');
  });

  it('exits 1 with a one-line reason for a dataset folder without the split', async () => {
    const { code, stderr } = await run(['--dataset', DATASET, '--split', 'dev']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('no "dev" split');
    expect(stderr).toContain('Available splits: test.');
  });

  it('exits 1 saying the model is needed when dense or hybrid mode has no model', async () => {
    for (const mode of ['dense', 'hybrid']) {
      const { code, stderr } = await run(['--dataset', DATASET, '--mode', mode]);
      expect(code).toBe(1);
      expect(stderr).toContain(`The ${mode} mode needs the embedding model nobody/no-such-model`);
      expect(stderr).toContain('Use --mode lexical');
    }
  });
});

describe('policybot eval --questions', () => {
  it('reports hit@1/3/10 over a corpus folder, with the misses', async () => {
    const corpus = path.join(work, 'corpus');
    mkdirSync(corpus, { recursive: true });
    writeFileSync(
      path.join(corpus, 'water.md'),
      '# Water policy\n\n## Drinking water\n\nTap water must be tested for lead every month.\n\n## Rivers\n\nFactories may not discharge dye into rivers.\n',
    );
    const questions = path.join(work, 'questions.jsonl');
    writeFileSync(
      questions,
      [
        { id: 'a', q: 'How often is tap water tested for lead?', expect: ['tested for lead every month'] },
        { id: 'b', q: 'Can factories discharge dye into rivers?', expect: ['may not discharge dye'] },
        { id: 'c', q: 'What about volcanoes?', expect: ['a phrase no passage holds'] },
      ]
        .map((q) => JSON.stringify(q))
        .join('\n'),
    );
    const { code, stdout, stderr } = await run(['--questions', questions, '--corpus', corpus]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ questionSet: questions, corpus, mode: 'lexical', questions: 3 });
    expect(report.metrics).toMatchObject({
      'hit@1': 2 / 3,
      'hit@3': 2 / 3,
      'hit@10': 2 / 3,
      'quote@1': 0.667,
      'quote@3': 0.667,
      weakOnAnswerable: expect.any(Number),
    });
    // "c" misses its phrase in the top 3 (and is flagged weak, as nothing answers it).
    expect([...new Set((report.misses as { id: string }[]).map((m) => m.id))]).toEqual(['c']);
  });
});

describe('policybot eval --mode hybrid with the fixture model', () => {
  it('loads the model from MODEL_ID / MODELS_DIR and fuses BM25 with dense rankings', async () => {
    const modelsDir = process.env.POLICYBOT_FIXTURE_MODELS_DIR;
    if (!modelsDir) throw new Error('The fixture model was not built (globalSetup).');
    const env = { MODEL_ID: 'policybot/tiny-bert', MODELS_DIR: modelsDir, ALLOW_REMOTE_MODELS: 'false' };
    const out = path.join(work, 'hybrid.jsonl');
    const { code, stdout, stderr } = await run(
      ['--dataset', DATASET, '--mode', 'hybrid', '--k', '10', '--out', out],
      env,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { mode: string; queries: number; settings: Record<string, unknown> };
    expect(report).toMatchObject({ mode: 'hybrid', queries: 4 });
    expect(report.settings).toMatchObject({
      model: 'policybot/tiny-bert',
      fusion: { method: 'rrf', k: 60 },
      chunking: { tokenizer: 'policybot/tiny-bert' },
    });
  });
});

describe('policybot eval --rerank with the fixture cross-encoder', () => {
  it('reorders the top documents with the cross-encoder and reports it in the settings', async () => {
    const modelsDir = process.env.POLICYBOT_FIXTURE_MODELS_DIR!;
    const env = {
      ...OFFLINE_ENV,
      MODELS_DIR: modelsDir,
      RERANK_MODEL: 'policybot/tiny-cross-encoder',
      RERANK_TOP_N: '5',
    };
    const out = path.join(work, 'rerank.jsonl');
    const { code, stdout, stderr } = await run(['--dataset', DATASET, '--rerank', '--k', '10', '--out', out], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { settings: Record<string, unknown>; metrics: Record<string, number> };
    expect(report.settings.reranker).toEqual({ model: 'policybot/tiny-cross-encoder', topN: 5 });
    expect(report.metrics['ndcg@10']).toBeGreaterThan(0);
    for (const line of readFileSync(out, 'utf8').trim().split('\n')) {
      const scores = (JSON.parse(line) as { ranking: { score: number }[] }).ranking.map((r) => r.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it('fails clearly when the cross-encoder cannot be loaded', async () => {
    const { code, stderr } = await run(['--dataset', DATASET, '--rerank'], {
      ...OFFLINE_ENV,
      RERANK_MODEL: 'nobody/no-reranker',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/--rerank needs the cross-encoder nobody\/no-reranker/);
  });
});
