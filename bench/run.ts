// `npm run bench`: speed and memory of ingest and retrieval. Prints one JSON object on stdout;
// progress goes to stderr. Each index size is built and queried in fresh child processes so
// that memory numbers do not mix.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { measureQuotes, measureSplitter } from './answer.ts';
import { measureAnswerCues } from './answer-cues.ts';
import { measureIngest } from './ingest.ts';
import { cacheDir } from './scale-cache.ts';
import { round, type ScaleResult, scaleTargets } from './scale-targets.ts';
import { measureStartup } from './startup.ts';
import { measureTypos } from './typos.ts';
import { measureVietnamese } from './vietnamese.ts';

const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-bench-'));
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
/** The parts to run (BENCH_PARTS, comma-separated; all by default). */
const PARTS = ['startup', 'answers', 'typos', 'ingest', 'scale', 'vietnamese'] as const;
const parts = new Set(process.env.BENCH_PARTS?.split(',').map((p) => p.trim()) ?? PARTS);
const unknownPart = [...parts].find((p) => !(PARTS as readonly string[]).includes(p));
if (unknownPart) throw new Error(`BENCH_PARTS: unknown part ${unknownPart}; parts are ${PARTS.join(', ')}.`);
/** Runs `fn` when its part is selected. */
async function part<T>(name: (typeof PARTS)[number], fn: () => T | Promise<T>): Promise<T | undefined> {
  return parts.has(name) ? fn() : undefined;
}
const log = (line: string) => process.stderr.write(`${line}\n`);
const startLoad = os.loadavg();

function child(args: string[]): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(root, 'bench/scale.ts'), ...args],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 2 ** 24 },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

/**
 * Each size built (or taken from the build cache, bench/scale-cache.ts) and queried in fresh
 * child processes, so that memory numbers do not mix.
 */
function measureScale(): Record<string, unknown>[] {
  return sizes.map((size) => {
    const dir = path.join(work, `scale-${size}`);
    log(`scale: building ${size} chunks (or loading them from ${cacheDir()})`);
    const built = child(['build', String(size), dir]);
    log(`scale: querying ${size} chunks`);
    const queried = child(['query', String(size), dir]);
    return { chunks: size, ...built, ...queried, rawVectorMB: round((size * 384 * 4) / 2 ** 20, 1) };
  });
}

try {
  const startup = await part('startup', () => {
    log('startup: timing node -e 0, policybot --help and policybot ask');
    return measureStartup();
  });
  const answers = await part('answers', async () => {
    log('answers: quote selection for 10-result answers; sentence splitting of a "No."-dense paragraph');
    return { quotes: await measureQuotes(), splitter: measureSplitter(), answerCues: await measureAnswerCues() };
  });
  const typos = await part('typos', () => {
    log('typos: looking up the terms close to a misspelt word in 20k- and 100k-word vocabularies');
    return [measureTypos(20_000), measureTypos(100_000)];
  });
  const ingestResults = await part('ingest', () => measureIngest(work));
  const scale = (await part('scale', measureScale)) ?? [];
  const targets = {
    ...scaleTargets(scale.find((s) => s.chunks === 100_000) as ScaleResult | undefined, '100k', {
      hybridMs: 2,
      lexicalMs: 1.5,
      loadSeconds: 2,
    }),
    ...scaleTargets(scale.find((s) => s.chunks === 1_000_000) as ScaleResult | undefined, '1M', { hybridMs: 10 }),
  };
  const answerTargets = answers && {
    'quote selection for a 10-result answer ≤ 2 ms p95': { value: answers.quotes.p95, pass: answers.quotes.p95 <= 2 },
    'quote selection, passages not seen before, ≤ 2 ms p95': {
      value: answers.quotes.newPassages.p95,
      pass: answers.quotes.newPassages.p95 <= 2,
    },
    // 4× the input: linear time is a ratio of about 4, quadratic about 16; 6 leaves room for
    // the collector's share growing with the text, and still fails anything super-linear.
    'splitter linear: 40k "No." repeats within 6× of 10k (quadratic: 16×)': {
      value: answers.splitter.ratio40kTo10k,
      pass: (answers.splitter.ratio40kTo10k ?? Infinity) <= 6,
    },
  };
  // Vietnamese text: index growth from syllable pairs and lexical latency (bench/vietnamese.ts).
  const vietnamese = await part('vietnamese', () => measureVietnamese(sizes));
  const note =
    'Embedding uses the fixture model policybot/tiny-bert (384-d, built by tests/fixtures/model): no pretrained weights on this machine; real models are slower per chunk.';
  process.stdout.write(
    `${JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version, loadAverage: { start: startLoad, end: os.loadavg() } }, startup, answers: answers && { ...answers, targets: answerTargets }, typos, ingest: ingestResults, note, scale, targets, vietnamese }, null, 2)}
`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
