import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from '../embed/embedder.ts';
import { describeError } from '../errors.ts';
import { chunkDocument, formatEmbeddingInput } from '../ingest/chunk-document.ts';
import { extractIdentifiers } from '../ingest/identifiers.ts';
import { listCorpusFiles } from '../ingest/list-corpus-files.ts';
import { parseFile } from '../ingest/parse-file.ts';
import { LexicalIndex } from './lexical/lexical-index.ts';
import { lexicalInput, type LexicalOptions } from './lexical/lexical-options.ts';
import { saveChunks } from './chunk-store.ts';
import { createGeneration, publishGeneration, pruneGenerations, readCurrentGeneration } from './generations.ts';
import { loadIndex, VECTORS_FILE } from './load-index.ts';
import { writeManifest } from './manifest.ts';
import { INDEX_FORMAT_VERSION, type IndexManifest, type LoadedIndex, type ManifestFile } from './types.ts';
import { VectorIndex } from './vector-index.ts';
import type { Chunk } from '../types.ts';

export interface BuildOptions {
  corpusDir: string;
  indexDir: string;
  /** Null builds a lexical-only index. */
  embedder: Embedder | null;
  countTokens: (text: string) => number;
  /** Which tokenizer sized the chunks; a different one means re-chunking. */
  tokenizerId: string;
  maxTokens: number;
  overlapTokens: number;
  lexicalOptions?: Partial<LexicalOptions>;
  onProgress?: (event: { phase: 'parse' | 'embed' | 'write'; done: number; total: number }) => void;
  signal?: AbortSignal;
}

/** What a build did, for the ingest summary. */
export interface BuildReport {
  indexDir: string;
  generation: string;
  files: number;
  chunks: number;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  skipped: { file: string; reason: string }[];
  embedded: number;
  reusedVectors: number;
  seconds: number;
  model: string | null;
}

interface FileResult {
  file: string;
  record: ManifestFile;
  chunks: Chunk[];
  /** Vectors carried over from the previous generation (same order as chunks), if reusable. */
  vectors: Float32Array[] | null;
}

/**
 * Builds a new index generation from the corpus and makes it live atomically. Files whose
 * bytes, chunking settings and model are unchanged keep their chunks and vectors (no
 * re-embedding); a file that cannot be parsed is skipped with its reason. Until the final
 * pointer flip, the previous generation keeps serving, whatever happens.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const { embedder } = options;
  await mkdir(options.indexDir, { recursive: true });
  const previous = await loadIndex(options.indexDir).catch(() => null);
  const previousName = await readCurrentGeneration(options.indexDir);
  const model = embedder ? { id: embedder.modelId, dimensions: embedder.dimensions, queryPrefix: embedder.queryPrefix, passagePrefix: embedder.passagePrefix } : null;
  const chunking = { maxTokens: options.maxTokens, overlapTokens: options.overlapTokens, tokenizer: options.tokenizerId };
  const reusable = previous !== null && sameSettings(previous.manifest, model, chunking);

  const listing = await listCorpusFiles(options.corpusDir);
  const skipped = [...listing.skipped];
  const results: FileResult[] = [];
  for (const [i, entry] of listing.files.entries()) {
    options.signal?.throwIfAborted();
    try {
      results.push(await processFile(entry, options, previous, reusable));
    } catch (error) {
      skipped.push({ file: entry.file, reason: describeError(error).replace(`${entry.file}: `, '') });
    }
    options.onProgress?.({ phase: 'parse', done: i + 1, total: listing.files.length });
  }

  const chunks = results.flatMap((r) => r.chunks);
  let vectors: Float32Array[] = [];
  let embedded = 0;
  if (embedder) {
    const missing = results.flatMap((r) => (r.vectors ? [] : r.chunks));
    const fresh = await embedder.embedPassages(
      missing.map((c) => formatEmbeddingInput(c)),
      (done, total) => {
        options.signal?.throwIfAborted();
        options.onProgress?.({ phase: 'embed', done, total });
      },
    );
    embedded = fresh.length;
    let next = 0;
    vectors = results.flatMap((r) => r.vectors ?? r.chunks.map(() => fresh[next++] as Float32Array));
  }
  options.signal?.throwIfAborted();

  const generation = await createGeneration(options.indexDir);
  options.onProgress?.({ phase: 'write', done: 0, total: 3 });
  await saveChunks(generation.dir, chunks);
  const lexical = LexicalIndex.build(
    chunks.map(lexicalInput),
    options.lexicalOptions,
  );
  await lexical.save(generation.dir);
  options.onProgress?.({ phase: 'write', done: 1, total: 3 });
  if (model && chunks.length > 0) {
    const index = VectorIndex.create(model.dimensions, chunks.length);
    vectors.forEach((v, doc) => index.add(v, doc));
    await index.save(path.join(generation.dir, VECTORS_FILE));
  }
  options.onProgress?.({ phase: 'write', done: 2, total: 3 });
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    model,
    chunking,
    lexical: { ...lexical.options },
    files: Object.fromEntries(results.map((r) => [r.file, r.record])),
    skipped,
    chunkCount: chunks.length,
  };
  await writeManifest(generation.dir, manifest);
  options.signal?.throwIfAborted();
  await publishGeneration(options.indexDir, generation.name);
  options.onProgress?.({ phase: 'write', done: 3, total: 3 });
  await pruneGenerations(options.indexDir, [generation.name, ...(previousName ? [previousName] : [])]);

  const before = previous?.manifest.files ?? {};
  const now = new Set(results.map((r) => r.file));
  return {
    indexDir: options.indexDir,
    generation: generation.name,
    files: results.length,
    chunks: chunks.length,
    added: results.filter((r) => !before[r.file]).map((r) => r.file),
    changed: results.filter((r) => before[r.file] && before[r.file]?.sha256 !== r.record.sha256).map((r) => r.file),
    removed: Object.keys(before).filter((f) => !now.has(f)),
    unchanged: results.filter((r) => before[r.file]?.sha256 === r.record.sha256).map((r) => r.file),
    skipped,
    embedded,
    reusedVectors: embedder ? chunks.length - embedded : 0,
    seconds: (performance.now() - started) / 1000,
    model: model?.id ?? null,
  };
}

async function processFile(
  entry: { absPath: string; file: string },
  options: BuildOptions,
  previous: LoadedIndex | null,
  reusable: boolean,
): Promise<FileResult> {
  const bytes = await readFile(entry.absPath).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the file (${error.code ?? error.message})`);
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const old = previous?.manifest.files[entry.file];
  if (previous && reusable && old?.sha256 === sha256) {
    const docs: number[] = [];
    previous.chunks.forEach((c, i) => c.file === entry.file && docs.push(i));
    const vectors = previous.vectors ? docs.map((d) => (previous.vectors as VectorIndex).getVector(d)) : null;
    return { file: entry.file, record: old, chunks: docs.map((d) => previous.chunks[d] as Chunk), vectors: previous.vectors ? vectors : null };
  }
  const doc = await parseFile(entry.absPath, entry.file);
  const chunks = chunkDocument(doc, {
    maxTokens: options.maxTokens,
    overlapTokens: options.overlapTokens,
    countTokens: options.countTokens,
    passagePrefix: options.embedder?.passagePrefix ?? '',
    extractIdentifiers,
  });
  return { file: entry.file, record: { sha256, bytes: bytes.length, chunks: chunks.length, title: doc.title }, chunks, vectors: null };
}

function sameSettings(manifest: IndexManifest, model: IndexManifest['model'], chunking: IndexManifest['chunking']): boolean {
  return JSON.stringify(manifest.model) === JSON.stringify(model) && JSON.stringify(manifest.chunking) === JSON.stringify(chunking);
}
