// Quote selection and sentence splitting costs, for `npm run bench` (also runnable alone:
// `npx tsx bench/answer.ts`). Quote cost: choosing the quotes of a 10-result answer on the
// bundled corpus, per question of the project's question set (lexical index).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { splitSentences } from '../src/lib/split-sentences.ts';
import { forgetPassageProfiles } from '../src/present/passage-profile.ts';
import { selectQuote } from '../src/present/quote.ts';
import { analyzerOf } from '../src/present/term-memo.ts';
import { Retriever } from '../src/retrieve/retriever.ts';
import type { Answer } from '../src/types.ts';
import { buildBundledIndex, projectQuestions } from './bundled-corpus.ts';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Timed runs per answer (after one warm-up run). */
const ROUNDS = 5;

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Timings {
  p50: number;
  p95: number;
  max: number;
}

function timings(times: number[]): Timings {
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) };
}

/**
 * Milliseconds to choose the quotes of each question's 10 results: as a running bot does
 * (passages seen before keep their sentence split, words their analysis), for passages never
 * seen before (profiles dropped before each answer; the vocabulary recurs), and fully cold
 * (also a new analyzer memo per answer: the first answer after start). Each answer is timed
 * `ROUNDS` times and its fastest run kept, so that a busy shared machine (other processes
 * taking the CPU mid-answer) does not pass for quote cost; `wallP95` is the p95 of every run.
 */
export async function measureQuotes(): Promise<
  { answers: number } & Timings & { wallP95: number; newPassages: Timings; cold: Timings }
> {
  const work = mkdtempSync(path.join(tmpdir(), 'policybot-bench-quotes-'));
  try {
    const indexDir = path.join(work, 'index');
    const retriever = new Retriever(await buildBundledIndex(indexDir), null);
    const analyze = analyzerOf(retriever.index.lexical);
    const questions = projectQuestions();
    const answers: Answer[] = [];
    for (const q of questions) answers.push(await retriever.retrieve(q, { k: 10 }));
    const time = (mode: 'warm' | 'new' | 'cold') => {
      const fastest = answers.map(() => Infinity);
      const all: number[] = [];
      for (let pass = 0; pass <= ROUNDS; pass++) {
        for (const [i, answer] of answers.entries()) {
          if (mode !== 'warm') forgetPassageProfiles();
          const analyzer = mode === 'cold' ? (t: string) => retriever.index.lexical.analyze(t) : analyze;
          const start = performance.now();
          for (const r of answer.results) selectQuote(r, analyzer, 600, answer);
          const ms = performance.now() - start;
          // Round 0 warms the JIT (and, in the bot's mode, the caches).
          if (pass === 0) continue;
          all.push(ms);
          fastest[i] = Math.min(fastest[i] ?? Infinity, ms);
        }
      }
      return { fastest, all };
    };
    const cold = time('cold');
    const newPassages = time('new');
    const warm = time('warm');
    return {
      answers: answers.length,
      ...timings(warm.fastest),
      wallP95: round(percentile(warm.all, 95)),
      newPassages: timings(newPassages.fastest),
      cold: timings(cold.fastest),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Splitting a "No."-dense paragraph at two sizes, and 1.3 MB of it against ordinary prose. */
export function measureSplitter(): Record<string, number> {
  const dense = 'See Circular No. 49 and Decision No. 5316 of the Ministry. ';
  const prose = 'The ministry issued a circular on telemedicine in December of that year. ';
  const size = 1.3 * 2 ** 20;
  const texts = {
    noDense10kMs: dense.repeat(10_000),
    noDense40kMs: dense.repeat(40_000),
    'noDense1.3MBMs': dense.repeat(Math.ceil(size / dense.length)),
    'prose1.3MBMs': prose.repeat(Math.ceil(size / prose.length)),
  };
  // The median CPU time per call over rounds that take the texts in turn, each round splitting
  // about as many characters per text. The best of three wall-clock calls (measured before)
  // compared a small text's luckiest call against a large one's on a loaded machine: 4.78 at
  // 40k against 10k once, and 1.9 to 6.4 in three runs in a row. Rounds like these give 3.9 to
  // 4.3 (load 8): the splitter is one pass with a bounded look around each stop.
  const samples = new Map<string, number[]>(Object.keys(texts).map((k) => [k, []]));
  for (const text of Object.values(texts)) splitSentences(text);
  for (let round = 0; round < 15; round++) {
    for (const [name, text] of Object.entries(texts)) {
      const calls = Math.max(1, Math.round(texts.noDense40kMs.length / text.length));
      const before = process.cpuUsage();
      for (let i = 0; i < calls; i++) splitSentences(text);
      const { user, system } = process.cpuUsage(before);
      samples.get(name)!.push((user + system) / 1000 / calls);
    }
  }
  const ms = Object.fromEntries([...samples].map(([name, values]) => [name, round(percentile(values, 50), 1)]));
  return {
    ...ms,
    ratio40kTo10k: round(
      percentile(samples.get('noDense40kMs')!, 50) / percentile(samples.get('noDense10kMs')!, 50),
      2,
    ),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quotes = await measureQuotes();
  process.stdout.write(`${JSON.stringify({ quotes, splitter: measureSplitter() }, null, 2)}\n`);
}
