/**
 * `npm run bench:concurrent-ingest [pairs]` (default 20): pairs of real `policybot ingest`
 * processes racing on one index folder, the way two people (or a person and the corpus
 * watcher) start an ingest at nearly the same moment. Each pair starts one ingest, waits a
 * seeded random 0–2 s, changes one corpus file, and starts the second. After each pair the
 * index must be intact: both runs exit 0; the live generation loads and every passage reads
 * back with its checksum; it holds every corpus file, and the change made between the two
 * starts (the later ingest must see it); a real `policybot ask` finds that change; no
 * `.partial`, `.tmp` or lock file is left. Prints a line per pair and a JSON summary; exits 1
 * when any pair broke the index.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCK_FILE } from '../src/store/ingest-lock.ts';
import { loadIndex } from '../src/store/load-index.ts';
import { keywordEnv } from '../tests/fixtures/corpus/bundled-corpus.ts';
import { generateCorpus } from '../tests/fixtures/corpus/generate-corpus.ts';
import { prng } from '../tests/fixtures/prng.ts';

const PAIRS = Number(process.argv[2] ?? 20);
const FILES = 150;
const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-bench-race-'));
const corpus = path.join(work, 'corpus');
const indexDir = path.join(work, 'index');
const env = keywordEnv(work, corpus, indexDir);

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Finished> {
  const child = spawn(process.execPath, [path.join(root, 'bin/policybot.js'), ...args], { cwd: work, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** What is wrong with the live index after a pair, or an empty list. */
async function problems(marker: string, runs: Finished[]): Promise<string[]> {
  const found: string[] = [];
  for (const [i, r] of runs.entries())
    if (r.code !== 0) found.push(`ingest ${i + 1} exited ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`);
  try {
    const index = await loadIndex(indexDir);
    try {
      const files = Object.keys(index.manifest.files).length;
      if (files !== FILES) found.push(`index holds ${files} files, corpus has ${FILES}`);
      if (index.chunks.length !== index.manifest.chunkCount) found.push('passage count differs from the manifest');
      // Reading every text checks every passage's checksum.
      if (!index.chunks.some((c) => c.text.includes(marker))) found.push(`the change (${marker}) is not indexed`);
    } finally {
      index.close?.();
    }
  } catch (error) {
    found.push(`index does not load: ${(error as Error).message}`);
  }
  const left = readdirSync(indexDir).filter((e) => e.endsWith('.partial') || e.endsWith('.tmp') || e === LOCK_FILE);
  if (left.length > 0) found.push(`left behind: ${left.join(', ')}`);
  const ask = await run(['ask', marker]);
  if (ask.code !== 0 || !ask.stdout.includes(marker)) found.push(`ask exited ${ask.code} without the change`);
  return found;
}

generateCorpus(corpus, FILES, 24);
const first = await run(['ingest']);
if (first.code !== 0) throw new Error(`the first ingest failed: ${first.stderr}`);
const random = prng(2026);
let broken = 0;
let waited = 0;
const started = performance.now();
for (let pair = 1; pair <= PAIRS; pair++) {
  const stagger = Math.round(random() * 2000);
  const marker = `racemarker${pair}q`;
  const file = path.join(corpus, `policy-${String(Math.floor(random() * FILES)).padStart(4, '0')}.txt`);
  const a = run(['ingest']);
  await new Promise((r) => setTimeout(r, stagger));
  writeFileSync(file, `Changed policy ${pair}\n\nThis revision adds the ${marker} register for clinics.\n`);
  const b = run(['ingest']);
  const runs = await Promise.all([a, b]);
  const waits = runs.some((r) => r.stderr.includes('Waiting for another ingest'));
  if (waits) waited++;
  const found = await problems(marker, runs);
  if (found.length > 0) broken++;
  console.log(
    `pair ${String(pair).padStart(2)}  stagger ${String(stagger).padStart(4)} ms  ${waits ? 'second waited' : 'no overlap   '}  ${found.length === 0 ? 'intact' : `BROKEN: ${found.join('; ')}`}`,
  );
}
const seconds = Math.round((performance.now() - started) / 100) / 10;
console.log(JSON.stringify({ pairs: PAIRS, files: FILES, broken, secondWaited: waited, seconds }));
rmSync(work, { recursive: true, force: true });
process.exitCode = broken > 0 ? 1 : 0;
