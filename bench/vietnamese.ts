// The Vietnamese part of `npm run bench` (also alone: `npm run bench:vietnamese`): how much
// syllable-pair terms grow the lexical index, and lexical latency on Vietnamese text.
// - synthetic: Vietnamese-like passages (bench/vietnamese-text.ts: real onsets, rhymes and
//   tones; Zipfian words of mostly two syllables) at the bench's sizes, each passage distinct;
// - alqac2022: the real ALQAC 2022 statutes and questions from ../shared at their real size,
//   when present (skipped otherwise), with how often a question naming an article ("Điều 2")
//   gets that article first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readBeirCorpus, readBeirQueries, readQrels } from '../src/eval/beir.ts';
import { toParsedDocument } from '../src/eval/eval-index.ts';
import { chunkDocument } from '../src/ingest/chunk-document.ts';
import { typicalTokens } from '../src/ingest/estimate-tokens.ts';
import { extractIdentifiers } from '../src/ingest/identifiers.ts';
import { articleNumberOf } from '../src/ingest/legal-structure.ts';
import { targetArticles } from '../src/retrieve/article-references.ts';
import { rankLexical } from '../src/retrieve/lexical-ranking.ts';
import { saveChunks } from '../src/store/chunk-store.ts';
import { LexicalIndex } from '../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../src/store/lexical/lexical-options.ts';
import type { Chunk } from '../src/types.ts';
import { folderBytes } from './folder-bytes.ts';
import { measure } from './lexical-latency.ts';
import { round } from './scale-targets.ts';
import { syntheticArticles } from './vietnamese-text.ts';

const ALQAC = path.resolve(import.meta.dirname, '../../shared/datasets/alqac2022');
const QUERIES = 200;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Bytes of the passage store (texts and citation metadata) for `chunks`: the rest of a lexical-only index. */
async function chunkStoreBytes(chunks: readonly Chunk[]): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'policybot-bench-vi-chunks-'));
  try {
    await saveChunks(dir, chunks);
    return folderBytes(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lexical files with and without pairs, and the whole lexical-only index (passage store included). */
function _sizes(withPairs: number, without: number, store: number): object {
  return {
    lexicalMB: round(withPairs / 2 ** 20, 2),
    lexicalMBWithoutPairs: round(without / 2 ** 20, 2),
    passageStoreMB: round(store / 2 ** 20, 2),
    lexicalGrowth: round(withPairs / without, 2),
    indexGrowth: round((withPairs + store) / (without + store), 2),
  };
}

/** Index growth (pairs as configured against none) and lexical latency, per size. */
async function synthetic(sizes: readonly number[]): Promise<object[]> {
  const out: object[] = [];
  for (const size of sizes) {
    log(`vietnamese: synthetic ${size} passages`);
    const { chunks, queries } = syntheticArticles(size, QUERIES);
    const docs = chunks.map(lexicalInput);
    const withPairs = await measure(docs, queries, {}, true);
    const without = await measure(docs, queries, { syllablePairs: 'none' }, false);
    out.push({
      passages: size,
      ..._sizes(withPairs.bytes, without.bytes, await chunkStoreBytes(chunks)),
      buildSeconds: withPairs.buildSeconds,
      latencyMs: withPairs.latencyMs,
    });
  }
  return out;
}

/** The real statutes: growth, latency, and article questions answered with that article first. */
async function alqac(): Promise<object> {
  if (!existsSync(path.join(ALQAC, 'corpus.jsonl'))) return { skipped: `${ALQAC} is absent` };
  log('vietnamese: ALQAC 2022 (real size)');
  const corpus = await readBeirCorpus(path.join(ALQAC, 'corpus.jsonl'));
  const chunks = corpus.flatMap((doc) =>
    chunkDocument(toParsedDocument(doc), {
      maxTokens: 256,
      overlapTokens: 32,
      countTokens: typicalTokens,
      extractIdentifiers,
    }),
  );
  const docs = chunks.map(lexicalInput);
  const queries = await readBeirQueries(path.join(ALQAC, 'queries.jsonl'));
  const withPairs = await measure(docs, [...queries.values()], {}, true);
  const without = await measure(docs, [], { syllablePairs: 'none' }, false);
  // Questions that name an article ("Điều 2"): is a passage of that article first, and is
  // the first passage a relevant one?
  const qrels = await readQrels(path.join(ALQAC, 'qrels', 'test.tsv'));
  const index = LexicalIndex.build(docs);
  let named = 0;
  let namedFirst = 0;
  let relevantFirst = 0;
  for (const [id, question] of queries) {
    const targets = targetArticles(question);
    if (targets.size === 0) continue;
    named++;
    const top = rankLexical(index, question, 10, (doc) => docs[doc]!)[0];
    const chunk = top ? chunks[top.doc] : undefined;
    if (chunk && targets.has(articleNumberOf(chunk.title, chunk.section) ?? '')) namedFirst++;
    if (chunk && (qrels.get(id)?.get(chunk.file) ?? 0) > 0) relevantFirst++;
  }
  return {
    passages: docs.length,
    ..._sizes(withPairs.bytes, without.bytes, await chunkStoreBytes(chunks)),
    latencyMs: withPairs.latencyMs,
    articleQuestions: { naming: named, namedArticleFirst: namedFirst, relevantFirst },
  };
}

/** The Vietnamese section of the bench report, with its targets. */
export async function measureVietnamese(sizes: readonly number[]): Promise<object> {
  const scale = await synthetic(sizes);
  const real = await alqac();
  const last = scale.at(-1) as
    | {
        passages: number;
        lexicalGrowth: number;
        indexGrowth: number;
        latencyMs: { p95: number; cpuP95: number; loadAverage: number };
      }
    | undefined;
  const big = scale.find((s) => (s as { passages: number }).passages === 100_000) as typeof last;
  return {
    synthetic: scale,
    alqac2022: real,
    targets: {
      // Judged on the lexical files alone (the stricter reading); the whole lexical-only index
      // (lexical files and the passage store, which pairs do not change) is reported beside it.
      'index growth from pair terms ≤ 2× (largest synthetic size)': last
        ? { value: last.lexicalGrowth, wholeIndex: last.indexGrowth, pass: last.lexicalGrowth <= 2 }
        : null,
      'lexical p95 at 100k Vietnamese passages ≤ 5 ms': big
        ? {
            value: big.latencyMs.p95,
            cpuP95: big.latencyMs.cpuP95,
            loadAverage: big.latencyMs.loadAverage,
            pass: big.latencyMs.p95 <= 5,
          }
        : 'run with 100000 in BENCH_SIZES to check it',
    },
  };
}

if (process.argv[1] === import.meta.filename) {
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
  process.stdout.write(`${JSON.stringify(await measureVietnamese(sizes), null, 2)}\n`);
}
