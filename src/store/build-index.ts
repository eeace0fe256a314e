import type { Embedder } from '../embed/embedder.ts';
import { isPolicybotError } from '../errors.ts';
import type { CountWords } from '../types.ts';
import { sameOutput, sameSettings } from './build-settings.ts';
import { type CorpusChanges, corpusChanges } from './corpus-changes.ts';
import { ChunkEmbedding } from './embed-chunks.ts';
import { readCurrentGeneration, removeDeadPartials } from './generations.ts';
import { type IngestLock, type LockHolder, withIngestLock } from './ingest-lock.ts';
import type { LexicalOptions } from './lexical/lexical-options.ts';
import type { LexicalThreadSettings } from './lexical-thread.ts';
import { LexicalThreadAhead } from './lexical-thread-ahead.ts';
import { loadIndex } from './load-index.ts';
import { parseCorpus } from './parse-corpus.ts';
import { INDEX_FORMAT_VERSION, type LoadedIndex } from './types.ts';
import { writeBuild } from './write-build.ts';

export interface BuildOptions {
  corpusDir: string;
  indexDir: string;
  /** Null builds a lexical-only index. */
  embedder: Embedder | null;
  countTokens: (text: string) => number;
  /** The same tokenizer's counts word by word, where it gives them (Embedder.countWords): sizing counts each word once. */
  countWords?: CountWords | undefined;
  /** Which tokenizer sized the chunks; a different one means re-chunking. */
  tokenizerId: string;
  maxTokens: number;
  overlapTokens: number;
  lexicalOptions?: Partial<LexicalOptions>;
  /** Where the lexical index is built: on its own thread from LEXICAL_THREAD_MIN_CHARS of passage text unless set. */
  lexicalThread?: Omit<LexicalThreadSettings, 'ahead'>;
  onProgress?: (event: { phase: 'parse' | 'embed' | 'write'; done: number; total: number }) => void;
  signal?: AbortSignal;
  /** Files larger than this are skipped with the reason, and so are archives that expand beyond it. */
  maxFileBytes?: number;
  /** Follow symbolic links inside the corpus folder instead of reporting them as skipped. */
  followSymlinks?: boolean;
  /** The ingest lock of `indexDir` when the caller already holds it (see withIngestLock). */
  lock?: IngestLock;
  /** Without `lock`: wait for a running ingest (default) or fail at once with INDEX_LOCKED. */
  wait?: boolean;
  /** Called once when another ingest holds the lock and this build starts waiting. */
  onWaitForLock?: (holder: LockHolder) => void;
}

/** What a build did, for the ingest summary. */
export interface BuildReport extends CorpusChanges {
  indexDir: string;
  generation: string;
  files: number;
  chunks: number;
  skipped: { file: string; reason: string }[];
  embedded: number;
  reusedVectors: number;
  seconds: number;
  model: string | null;
  /** Nothing changed since the live generation: nothing was written or published. */
  upToDate: boolean;
  /** Partial generations of dead runs that this build removed. */
  cleanedUp: string[];
  /** One-line notes for the user, such as a full rebuild of an index from an earlier version. */
  notices: string[];
}

/**
 * Builds a new index generation from the corpus and makes it live atomically. Files whose
 * bytes, chunking settings and model are unchanged keep their chunks and vectors (no
 * re-embedding); a file that cannot be parsed is skipped with its reason; when nothing changed
 * nothing is published. Until the final pointer flip, the previous generation keeps serving,
 * whatever happens. Runs under the ingest lock of `indexDir` (taken here unless `lock` is given).
 */
export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  if (options.lock) return buildLocked(options, options.lock);
  const lockOptions = {
    wait: options.wait ?? true,
    ...(options.onWaitForLock ? { onWait: options.onWaitForLock } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return withIngestLock(options.indexDir, lockOptions, (lock) => buildLocked(options, lock));
}

async function buildLocked(options: BuildOptions, lock: IngestLock): Promise<BuildReport> {
  const started = performance.now();
  const cleanedUp = await removeDeadPartials(options.indexDir);
  const notices: string[] = [];
  const previous = await loadIndex(options.indexDir).catch((error: unknown) => {
    // An index from an earlier version (another analyzer or layout) cannot be reused: say so once.
    if (isPolicybotError(error, 'INDEX_INCOMPATIBLE'))
      notices.push('The index was built by an earlier version of policybot; rebuilding it in full.');
    return null;
  });
  try {
    return await buildFrom(options, lock, previous, { started, cleanedUp, notices });
  } finally {
    previous?.close?.();
  }
}

async function buildFrom(
  options: BuildOptions,
  lock: IngestLock,
  previous: LoadedIndex | null,
  run: { started: number; cleanedUp: string[]; notices: string[] },
): Promise<BuildReport> {
  const { embedder, indexDir } = options;
  const previousName = await readCurrentGeneration(indexDir);
  const model = embedder
    ? {
        id: embedder.modelId,
        dimensions: embedder.dimensions,
        queryPrefix: embedder.queryPrefix,
        passagePrefix: embedder.passagePrefix,
      }
    : null;
  const chunking = {
    maxTokens: options.maxTokens,
    overlapTokens: options.overlapTokens,
    tokenizer: options.tokenizerId,
  };
  const reusable = previous !== null && sameSettings(previous.manifest, model, chunking);
  const fileChunking = {
    maxTokens: options.maxTokens,
    overlapTokens: options.overlapTokens,
    countTokens: options.countTokens,
    countWords: options.countWords,
    passagePrefix: embedder?.passagePrefix ?? '',
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
  };
  // Each file's chunks are embedded as soon as it is parsed, while the next files are.
  const embedding = embedder ? new ChunkEmbedding(embedder, options) : null;
  // The lexical thread starts while parsing, once there is enough new text to build there.
  const ahead = new LexicalThreadAhead(options.lexicalThread);
  try {
    const { results, skipped } = await parseCorpus(options, fileChunking, { index: previous, reusable }, (r) => {
      ahead.count(r);
      return embedding?.add(r);
    });
    const chunks = results.flatMap((r) => r.chunks);
    const changes = corpusChanges(results, previous?.manifest.files ?? {});
    const done = (generation: string, embedded: number, upToDate: boolean): BuildReport => ({
      indexDir,
      files: results.length,
      chunks: chunks.length,
      ...changes,
      skipped,
      model: model?.id ?? null,
      cleanedUp: run.cleanedUp,
      notices: run.notices,
      generation,
      embedded,
      reusedVectors: embedder ? chunks.length - embedded : 0,
      upToDate,
      seconds: (performance.now() - run.started) / 1000,
    });
    if (
      previous &&
      previousName &&
      reusable &&
      changes.removed.length === 0 &&
      results.every((r) => r.reused) &&
      sameOutput(previous.manifest, skipped, options.lexicalOptions)
    ) {
      // No slice ran (every file was carried over), so no graph thread was started: cancel() makes sure.
      await Promise.all([embedding?.cancel(), ahead.close()]);
      return done(previousName, 0, true);
    }
    const files = Object.fromEntries(results.map((r) => [r.file, r.record]));
    const manifest = { formatVersion: INDEX_FORMAT_VERSION, model, chunking, files, skipped };
    const lexicalThread = { ...options.lexicalThread, ahead };
    const written = await writeBuild({ ...options, lexicalThread }, lock, {
      chunks,
      manifest,
      previousName,
      embedding,
    });
    return done(written.generation, written.embedded, false);
  } catch (error) {
    // Also ends the vector file's thread, started with the first slice, and a lexical thread not yet used.
    await Promise.all([embedding?.cancel(), ahead.close()]);
    throw error;
  }
}
