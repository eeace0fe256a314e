// The benchmark's build cache: a synthetic index of one size is built once and reused by later
// runs, which then only load and measure. Two parts, cached apart because they change apart:
// - dense: the HNSW graph of the synthetic vectors (the expensive part at 1M) and the exact
//   top-10 that recall@10 is measured against;
// - lexical: the chunk store, the lexical files and the manifest.
// Each part sits in a folder named by a hash of everything it is built from. A run that finds
// the folder links its files into a fresh generation; one that does not builds the part into a
// temporary folder and renames it into place, so an interrupted build leaves nothing behind.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createGeneration, publishGeneration } from '../src/store/generations.ts';
import { resolveLexicalOptions } from '../src/store/lexical/lexical-options.ts';
import { LEXICAL_FORMAT_VERSION } from '../src/store/lexical/lexical-storage.ts';
import { INDEX_FORMAT_VERSION } from '../src/store/types.ts';
import { clusteredVectors, prng } from './synthetic.ts';

const root = path.resolve(import.meta.dirname, '..');

/** Where built parts are kept: BENCH_CACHE_DIR, or policybot-bench-cache in the temp folder. */
export function cacheDir(): string {
  return process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), 'policybot-bench-cache');
}

function hnswlibVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules/hnswlib-node/package.json'), 'utf8'));
  return String((pkg as { version: string }).version);
}

function keyOf(part: string, inputs: unknown): string {
  return `${part}-${createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16)}`;
}

/** What the dense part is built from: size, vector generator and its parameters, HNSW build parameters. */
export function denseKey(size: number, generator: object, hnsw: object): string {
  return keyOf(`dense-${size}`, {
    generator,
    hnsw,
    hnswlib: hnswlibVersion(),
    vectors: [clusteredVectors.toString(), prng.toString()],
  });
}

/**
 * What the lexical part is built from: size, passage generator, the index and lexical format
 * versions and the lexical settings, the analyzer's version among them. As for a user's index,
 * a change in how text is analysed must bump `analyzerVersion` (or a format version).
 */
export function lexicalKey(size: number, generator: object): string {
  return keyOf(`lexical-${size}`, {
    generator,
    indexFormat: INDEX_FORMAT_VERSION,
    lexicalFormat: LEXICAL_FORMAT_VERSION,
    options: resolveLexicalOptions({}),
    synthetic: readFileSync(path.join(root, 'bench/synthetic.ts'), 'utf8'),
  });
}

/** How a cached part was built: its build's seconds and the load average then. */
export interface PartBuild {
  dir: string;
  seconds: number;
  loadAverage: number[];
  builtAt: string;
  /** False when this run built it. */
  cached: boolean;
  /** What the build reported of its steps. */
  steps: Record<string, number>;
}

/** Files of a part that are the bench's own records, not index files. */
const BENCH_FILE = /^bench-/;
const BUILD_FILE = 'bench-build.json';

/** The folder of the cached part `key`, built by `build(dir)` first when absent. */
export async function cachedPart(
  key: string,
  build: (dir: string) => Promise<Record<string, number>>,
): Promise<PartBuild> {
  const dir = path.join(cacheDir(), key);
  if (existsSync(dir)) return { ...JSON.parse(await readFile(path.join(dir, BUILD_FILE), 'utf8')), dir, cached: true };
  const tmp = `${dir}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const started = performance.now();
  const record = { seconds: 0, loadAverage: os.loadavg(), builtAt: new Date().toISOString(), steps: {} };
  try {
    record.steps = await build(tmp);
    record.seconds = (performance.now() - started) / 1000;
    record.loadAverage = [record.loadAverage[0]!, os.loadavg()[0]!];
    await writeFile(path.join(tmp, BUILD_FILE), JSON.stringify(record));
    await rename(tmp, dir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  return { ...record, dir, cached: false };
}

/** A live generation in `indexDir` made of the files of `parts` (hard links; copies across file systems). */
export async function assembleIndex(indexDir: string, parts: string[]): Promise<string> {
  const generation = await createGeneration(indexDir);
  for (const part of parts) {
    for (const file of (await readdir(part)).filter((f) => !BENCH_FILE.test(f))) {
      const from = path.join(part, file);
      const to = path.join(generation.dir, file);
      await link(from, to).catch(() => copyFile(from, to));
    }
  }
  return publishGeneration(indexDir, generation.name);
}
