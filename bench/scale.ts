// One benchmark size in a fresh process, so memory numbers do not mix:
//   tsx bench/scale.ts build <chunks> <indexDir>   → JSON { buildSeconds, bytesOnDisk }
//   tsx bench/scale.ts query <chunks> <indexDir>   → JSON { loadSeconds, rssMB, latencies, recallAt10 }
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../src/embed/embedder.ts';
import { rankLexical } from '../src/retrieve/lexical-ranking.ts';
import { Retriever } from '../src/retrieve/retriever.ts';
import { saveChunks } from '../src/store/chunk-store.ts';
import { createGeneration, publishGeneration } from '../src/store/generations.ts';
import { LexicalIndex } from '../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../src/store/lexical/lexical-options.ts';
import { loadIndex, VECTORS_FILE } from '../src/store/load-index.ts';
import { writeManifest } from '../src/store/manifest.ts';
import { INDEX_FORMAT_VERSION } from '../src/store/types.ts';
import { VectorIndex } from '../src/store/vector-index.ts';
import type { Chunk } from '../src/types.ts';
import { clusteredVectors, percentile, prng, sentence, zipfWords } from './synthetic.ts';

const DIM = 384;
const QUERIES = 300;
const [mode, sizeArg, indexDir] = process.argv.slice(2) as [string, string, string];
const size = Number(sizeArg);

function chunksOf(n: number): Chunk[] {
  const { sample } = zipfWords(50_000, 1);
  let offset = 0;
  return Array.from({ length: n }, (_, i) => {
    const text = [sentence(sample, 20), sentence(sample, 30), sentence(sample, 30)].join(' ');
    // 20 chunks per synthetic file, laid end to end (2 characters apart: no overlaps to merge).
    if (i % 20 === 0) offset = 0;
    const charStart = offset;
    offset += text.length + 2;
    return {
      id: `c${i}`,
      file: `corpus/doc-${Math.floor(i / 20)}.txt`,
      title: `Document ${Math.floor(i / 20)}`,
      section: [`Section ${i % 20}`],
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
function queries(): { text: string[]; vectors: Float32Array[] } {
  const { words } = zipfWords(50_000, 1);
  const rand = prng(99);
  const text = Array.from({ length: QUERIES }, () =>
    Array.from({ length: 3 + Math.floor(rand() * 4) }, () => words[50 + Math.floor(rand() * 5000)]).join(' '),
  );
  return { text, vectors: clusteredVectors(QUERIES, DIM, 50, 4242) };
}

async function build(): Promise<object> {
  const started = performance.now();
  const chunks = chunksOf(size);
  const vectors = clusteredVectors(size, DIM, 50, 7);
  const generation = await createGeneration(indexDir);
  await saveChunks(generation.dir, chunks);
  let t = performance.now();
  const lexical = LexicalIndex.build(chunks.map(lexicalInput));
  await lexical.save(generation.dir);
  const lexicalSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const index = VectorIndex.create(DIM, size);
  index.addAll(vectors);
  await index.save(path.join(generation.dir, VECTORS_FILE));
  const hnswSeconds = (performance.now() - t) / 1000;
  await writeManifest(generation.dir, {
    formatVersion: INDEX_FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    model: { id: 'synthetic-384', dimensions: DIM, queryPrefix: '', passagePrefix: '' },
    chunking: { maxTokens: 256, overlapTokens: 32, tokenizer: 'synthetic' },
    lexical: { ...lexical.options },
    files: {},
    skipped: [],
    chunkCount: size,
  });
  const dir = await publishGeneration(indexDir, generation.name);
  const bytes = (match: (f: string) => boolean) =>
    readdirSync(dir)
      .filter(match)
      .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  // The lexical files, and among them each passage's stored term ids (what the refinements read).
  const lexicalBytes = {
    all: bytes((f) => f.startsWith('lexical.')),
    storedTerms: bytes((f) => f.startsWith('lexical.forward')),
  };
  return {
    buildSeconds: (performance.now() - started) / 1000,
    lexicalSeconds,
    hnswSeconds,
    bytesOnDisk: bytes(() => true),
    lexicalBytes,
  };
}

/** recall@10 of the HNSW search against exact inner-product search over every stored vector. */
function recall(vectors: VectorIndex, queryVectors: readonly Float32Array[]): number {
  const all = new Float32Array(size * DIM);
  for (let d = 0; d < size; d++) all.set(vectors.getVector(d), d * DIM);
  let found = 0;
  for (const qv of queryVectors) {
    // The exact 10 best by a sorted insertion list: most documents fail the first comparison.
    const best: { doc: number; score: number }[] = [];
    for (let d = 0, at = 0; d < size; d++, at += DIM) {
      let dot = 0;
      for (let j = 0; j < DIM; j++) dot += all[at + j]! * qv[j]!;
      if (best.length === 10 && dot <= best[9]!.score) continue;
      best.push({ doc: d, score: dot });
      best.sort((a, b) => b.score - a.score);
      if (best.length > 10) best.pop();
    }
    const approx = new Set(vectors.search(qv, 10).map((h) => h.doc));
    found += best.filter((b) => approx.has(b.doc)).length;
  }
  return found / (queryVectors.length * 10);
}

async function query(): Promise<object> {
  const q = queries();
  globalThis.gc?.();
  const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  const index = await loadIndex(indexDir);
  const loadSeconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const rssMB = process.memoryUsage().rss / 2 ** 20;
  const byText = new Map(q.text.map((t, i) => [t.replace(/\s+/g, ' ').trim(), q.vectors[i]!]));
  // Returns the precomputed vector: hybrid latency here excludes embedding the query.
  const stub = {
    modelId: 'synthetic-384',
    dimensions: DIM,
    maxTokens: 256,
    queryPrefix: '',
    passagePrefix: '',
    countTokens: () => 0,
    embedPassages: async () => [],
    embedQuery: async (t: string) => byText.get(t)!,
  } satisfies Embedder;
  const retriever = new Retriever(index, stub);
  // Wall-clock latency, and the process's CPU time per query beside it: on a shared machine
  // the wall clock also counts the time the scheduler gave other processes.
  const time = async (fn: (i: number) => unknown) => {
    const ms: number[] = [];
    const cpuMs: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      await fn(i);
      ms.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuMs.push((used.user + used.system) / 1000);
    }
    return {
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      cpuP50: percentile(cpuMs, 50),
      cpuP95: percentile(cpuMs, 95),
    };
  };
  // Each mode runs once to warm caches and the JIT, then is measured on a second pass.
  const measure = async (fn: (i: number) => unknown) => {
    await time(fn);
    return time(fn);
  };
  // BM25 alone, then the ranking ask uses: BM25 with RM3 feedback and the proximity rescoring.
  const loadAverage: { before: number; after?: number } = { before: os.loadavg()[0]! };
  const bm25 = await measure((i) => index.lexical.search(q.text[i]!, 100));
  const lexical = await measure((i) =>
    rankLexical(index.lexical, q.text[i]!, 100, (doc) => lexicalInput(index.chunks[doc]!)),
  );
  const dense = await measure((i) => index.vectors!.search(q.vectors[i]!, 100));
  const hybrid = await measure((i) => retriever.retrieve(q.text[i]!, { k: 10 }));
  loadAverage.after = os.loadavg()[0]!;
  const recallAt10 = recall(index.vectors as VectorIndex, q.vectors.slice(0, 100));
  return {
    loadSeconds,
    rssMB,
    indexRssMB: rssMB - rssBeforeMB,
    latencyMs: { bm25, lexical, dense, hybrid },
    recallAt10,
    loadAverage,
  };
}

const result = mode === 'build' ? await build() : await query();
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
