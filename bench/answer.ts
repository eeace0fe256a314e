// Quote selection and sentence splitting costs, for `npm run bench` (also runnable alone:
// `npx tsx bench/answer.ts`). Quote cost: choosing the quotes of a 10-result answer on the
// bundled corpus, per question of the project's question set (lexical index).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TYPICAL_ESTIMATE_ID, typicalTokens } from '../src/ingest/estimate-tokens.ts';
import { splitSentences } from '../src/lib/split-sentences.ts';
import { selectQuote } from '../src/present/quote.ts';
import { Retriever } from '../src/retrieve/retriever.ts';
import { buildIndex } from '../src/store/build-index.ts';
import { loadIndex } from '../src/store/load-index.ts';

const root = path.resolve(import.meta.dirname, '..');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Milliseconds to choose the quotes of each question's 10 results (p50, p95, max). */
export async function measureQuotes(): Promise<{ answers: number; p50: number; p95: number; max: number }> {
  const work = mkdtempSync(path.join(tmpdir(), 'policybot-bench-quotes-'));
  try {
    const indexDir = path.join(work, 'index');
    await buildIndex({
      corpusDir: path.join(root, 'corpus'),
      indexDir,
      embedder: null,
      countTokens: typicalTokens,
      tokenizerId: TYPICAL_ESTIMATE_ID,
      maxTokens: 256,
      overlapTokens: 32,
    });
    const retriever = new Retriever(await loadIndex(indexDir), null);
    const analyze = (t: string) => retriever.index.lexical.analyze(t);
    const questions = readFileSync(path.join(root, 'tests/questions/corpus-questions.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { q: string }).q);
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of questions) {
        const answer = await retriever.retrieve(q, { k: 10 });
        const results = answer.results.map((r) => ({ ...r, chunk: { ...r.chunk, text: r.chunk.text } }));
        const start = performance.now();
        for (const r of results) selectQuote(r, analyze, 600, answer);
        if (round > 0) times.push(performance.now() - start);
      }
    }
    return {
      answers: times.length,
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      max: round(Math.max(...times)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Splitting a "No."-dense paragraph at two sizes, and 1.3 MB of it against ordinary prose. */
export function measureSplitter(): Record<string, number> {
  const dense = 'See Circular No. 49 and Decision No. 5316 of the Ministry. ';
  const prose = 'The ministry issued a circular on telemedicine in December of that year. ';
  const time = (text: string) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      splitSentences(text);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  const ms10k = time(dense.repeat(10_000));
  const ms40k = time(dense.repeat(40_000));
  const size = 1.3 * 2 ** 20;
  return {
    noDense10kMs: round(ms10k, 1),
    noDense40kMs: round(ms40k, 1),
    ratio40kTo10k: round(ms40k / ms10k, 2),
    'noDense1.3MBMs': round(time(dense.repeat(Math.ceil(size / dense.length))), 1),
    'prose1.3MBMs': round(time(prose.repeat(Math.ceil(size / prose.length))), 1),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quotes = await measureQuotes();
  process.stdout.write(`${JSON.stringify({ quotes, splitter: measureSplitter() }, null, 2)}\n`);
}
