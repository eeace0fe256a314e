// One benchmark size in a fresh process, so memory numbers do not mix:
//   tsx bench/scale.ts build <chunks> <indexDir>   → JSON { buildSeconds, bytesOnDisk, cache }
//   tsx bench/scale.ts query <chunks> <indexDir>   → JSON { loadSeconds, rssMB, latencies, recallAt10 }
//   tsx bench/scale.ts cache <chunks> [dense|lexical]  builds a part into the cache only
//   tsx bench/scale.ts keys <chunks>               → the cache folders' names for that size
// Builds are cached (bench/scale-cache.ts, BENCH_CACHE_DIR): a size built before only loads.
import os from 'node:os';
import type { Embedder } from '../src/embed/embedder.ts';
import { rankLexical } from '../src/retrieve/lexical-ranking.ts';
import { Retriever } from '../src/retrieve/retriever.ts';
import { lexicalInput } from '../src/store/lexical/lexical-options.ts';
import { loadIndex } from '../src/store/load-index.ts';
import type { VectorIndex } from '../src/store/vector-index.ts';
import { folderBytes } from './folder-bytes.ts';
import {
  buildScale,
  cacheKeys,
  DIM,
  densePart,
  lexicalPart,
  QUERIES,
  queries,
  RECALL_QUERIES,
  readExactTop10,
} from './scale-build.ts';
import { percentile } from './synthetic.ts';

const [mode, sizeArg, indexDir] = process.argv.slice(2) as [string, string, string];
const size = Number(sizeArg);

async function build(): Promise<object> {
  const { dir, ...built } = await buildScale(size, indexDir);
  const bytes = (match: (f: string) => boolean) => folderBytes(dir, match);
  // The lexical files, and among them each passage's stored term ids (what the refinements read).
  const lexicalBytes = {
    all: bytes((f) => f.startsWith('lexical.')),
    storedTerms: bytes((f) => f.startsWith('lexical.forward')),
  };
  return { ...built, bytesOnDisk: bytes(() => true), lexicalBytes };
}

/** recall@10 of the HNSW search against the exact top 10 the dense part was built with. */
async function recall(vectors: VectorIndex, queryVectors: readonly Float32Array[]): Promise<number> {
  const exact = await readExactTop10((await densePart(size)).dir);
  let found = 0;
  exact.forEach((best, i) => {
    const approx = new Set(vectors.search(queryVectors[i]!, 10).map((h) => h.doc));
    found += best.filter((doc) => approx.has(doc)).length;
  });
  return found / (exact.length * 10);
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
  const recallAt10 = await recall(index.vectors as VectorIndex, q.vectors.slice(0, RECALL_QUERIES));
  return {
    loadSeconds,
    rssMB,
    indexRssMB: rssMB - rssBeforeMB,
    latencyMs: { bm25, lexical, dense, hybrid },
    recallAt10,
    loadAverage,
  };
}

async function cache(): Promise<object> {
  const part = indexDir as 'dense' | 'lexical' | undefined;
  return {
    ...(part !== 'dense' ? { lexical: await lexicalPart(size) } : {}),
    ...(part !== 'lexical' ? { dense: await densePart(size) } : {}),
  };
}

const modes: Record<string, () => Promise<object>> = { build, query, cache, keys: async () => cacheKeys(size) };
const result = await (modes[mode] ?? query)();
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
