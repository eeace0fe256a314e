// The synthetic index of one benchmark size: its passages, vectors and queries, and its build,
// cached by part (bench/scale-cache.ts) so that a second run of the same size only loads it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { saveChunks } from '../src/store/chunk-store.ts';
import { LexicalIndex } from '../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../src/store/lexical/lexical-options.ts';
import { VECTORS_FILE } from '../src/store/load-index.ts';
import { writeManifest } from '../src/store/manifest.ts';
import { INDEX_FORMAT_VERSION } from '../src/store/types.ts';
import { DEFAULT_HNSW_PARAMS, VectorIndex } from '../src/store/vector-index.ts';
import type { Chunk } from '../src/types.ts';
import { assembleIndex, cachedPart, denseKey, lexicalKey, type PartBuild } from './scale-cache.ts';
import { clusteredVectors, prng, sentence, zipfWords } from './synthetic.ts';

export const DIM = 384;
export const QUERIES = 300;
/** Queries whose HNSW top 10 is compared with the exact top 10 (recall@10). */
export const RECALL_QUERIES = 100;
/** Beside the HNSW graph in the dense part: the exact top 10 of the first RECALL_QUERIES queries. */
const EXACT_FILE = 'bench-exact-top10.json';
const PASSAGES = { vocabulary: 50_000, seed: 1, words: [20, 30, 30], perFile: 20 };
const VECTORS = { dim: DIM, clusters: 50, seed: 7 };
const QUERY_SET = { count: QUERIES, seed: 99, clusters: 50, vectorSeed: 4242, firstWord: 50, words: 5000 };

function chunksOf(n: number): Chunk[] {
  const { sample } = zipfWords(PASSAGES.vocabulary, PASSAGES.seed);
  let offset = 0;
  return Array.from({ length: n }, (_, i) => {
    const text = PASSAGES.words.map((w) => sentence(sample, w)).join(' ');
    // 20 chunks per synthetic file, laid end to end (2 characters apart: no overlaps to merge).
    if (i % PASSAGES.perFile === 0) offset = 0;
    const charStart = offset;
    offset += text.length + 2;
    const file = Math.floor(i / PASSAGES.perFile);
    return {
      id: `c${i}`,
      file: `corpus/doc-${file}.txt`,
      title: `Document ${file}`,
      section: [`Section ${i % PASSAGES.perFile}`],
      text,
      charStart,
      charEnd: charStart + text.length,
      page: null,
      identifiers: [],
      tokens: 110,
    };
  });
}

/** Query texts (3–6 mid-frequency words) and their vectors, from a seed of their own. */
export function queries(): { text: string[]; vectors: Float32Array[] } {
  const { words } = zipfWords(PASSAGES.vocabulary, PASSAGES.seed);
  const rand = prng(QUERY_SET.seed);
  const pick = () => words[QUERY_SET.firstWord + Math.floor(rand() * QUERY_SET.words)];
  const text = Array.from({ length: QUERIES }, () =>
    Array.from({ length: 3 + Math.floor(rand() * 4) }, pick).join(' '),
  );
  return { text, vectors: clusteredVectors(QUERIES, DIM, QUERY_SET.clusters, QUERY_SET.vectorSeed) };
}

/** The exact 10 best documents by inner product for each query, over one flat vector array. */
function exactTop10(vectors: readonly Float32Array[], queryVectors: readonly Float32Array[]): number[][] {
  const all = new Float32Array(vectors.length * DIM);
  for (let d = 0; d < vectors.length; d++) all.set(vectors[d]!, d * DIM);
  return queryVectors.map((qv) => {
    // A sorted insertion list: most documents fail the first comparison.
    const best: { doc: number; score: number }[] = [];
    for (let d = 0, at = 0; d < vectors.length; d++, at += DIM) {
      let dot = 0;
      for (let j = 0; j < DIM; j++) dot += all[at + j]! * qv[j]!;
      if (best.length === 10 && dot <= best[9]!.score) continue;
      best.push({ doc: d, score: dot });
      best.sort((a, b) => b.score - a.score);
      if (best.length > 10) best.pop();
    }
    return best.map((b) => b.doc);
  });
}

const since = (t: number) => (performance.now() - t) / 1000;

async function buildDense(size: number, dir: string): Promise<Record<string, number>> {
  const vectors = clusteredVectors(size, DIM, VECTORS.clusters, VECTORS.seed);
  const t = performance.now();
  const index = VectorIndex.create(DIM, size);
  index.addAll(vectors);
  await index.save(path.join(dir, VECTORS_FILE));
  const hnswSeconds = since(t);
  const exact = exactTop10(vectors, queries().vectors.slice(0, RECALL_QUERIES));
  await writeFile(path.join(dir, EXACT_FILE), JSON.stringify(exact));
  return { hnswSeconds };
}

async function buildLexical(size: number, dir: string): Promise<Record<string, number>> {
  const chunks = chunksOf(size);
  await saveChunks(dir, chunks);
  const t = performance.now();
  const lexical = LexicalIndex.build(chunks.map(lexicalInput));
  await lexical.save(dir);
  const lexicalSeconds = since(t);
  await writeManifest(dir, {
    formatVersion: INDEX_FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    model: { id: 'synthetic-384', dimensions: DIM, queryPrefix: '', passagePrefix: '' },
    chunking: { maxTokens: 256, overlapTokens: 32, tokenizer: 'synthetic' },
    lexical: { ...lexical.options },
    files: {},
    skipped: [],
    chunkCount: size,
  });
  return { lexicalSeconds };
}

/** The cache folders' names for `size` (built or not). */
export function cacheKeys(size: number): { dense: string; lexical: string } {
  const { m, efConstruction } = DEFAULT_HNSW_PARAMS;
  return {
    dense: denseKey(size, { VECTORS, QUERY_SET, RECALL_QUERIES }, { m, efConstruction }),
    lexical: lexicalKey(size, { PASSAGES, chunksOf: chunksOf.toString() }),
  };
}

/** The cached dense part (built first if absent): the HNSW graph and the exact top 10 for recall. */
export function densePart(size: number): Promise<PartBuild> {
  return cachedPart(cacheKeys(size).dense, (d) => buildDense(size, d));
}

/** The cached lexical part (built first if absent): chunk store, lexical files, manifest. */
export function lexicalPart(size: number): Promise<PartBuild> {
  return cachedPart(cacheKeys(size).lexical, (d) => buildLexical(size, d));
}

/**
 * Builds what the cache lacks and makes `indexDir` a live index of both parts. The build
 * seconds are those of the run that built each part, with the load average then.
 */
export async function buildScale(size: number, indexDir: string) {
  const lexical = await lexicalPart(size);
  const dense = await densePart(size);
  const dir = await assembleIndex(indexDir, [lexical.dir, dense.dir]);
  return {
    dir,
    buildSeconds: lexical.seconds + dense.seconds,
    lexicalSeconds: lexical.steps.lexicalSeconds,
    hnswSeconds: dense.steps.hnswSeconds,
    cache: { lexical, dense },
  };
}

/** The exact top 10 stored with the dense part (for recall@10). */
export async function readExactTop10(denseDir: string): Promise<number[][]> {
  return JSON.parse(await readFile(path.join(denseDir, EXACT_FILE), 'utf8')) as number[][];
}
